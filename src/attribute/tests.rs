//! Unit tests for the attribution rules.
