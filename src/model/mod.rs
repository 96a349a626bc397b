//! Every type that crosses a stage or goes on the wire, in one leaf module: the stages
//! import it and it imports none of them.
//!
//! - [`article`]: [`Article`] in, [`ArticleQuotes`] (with [`Quote`], [`Speaker`], [`Cue`]) out
//!   of `extract`;
//! - [`audit`]: [`Story`], [`Family`], [`Appearance`], [`Finding`] out of the audit, [`Part`]
//!   between machines, [`Audit`] merged;
//! - [`diagnostic`]: [`Diagnostic`], an input skipped or a warning;
//! - [`report`]: the envelopes of the JSON outputs, with their counts ([`Summary`],
//!   [`AuditSummary`]).
//!
//! Offsets: every span carries byte offsets (`start`/`end`, for slicing the UTF-8 text) and
//! code-point offsets (`char_start`/`char_end`, for Python and JavaScript users). For every
//! span, `text[start..end]` is exactly the span's reported text.

/// Defines a fieldless enum from one list of variants, with what is derived from it:
/// `ALL`, every variant in the order written, and `name`, the name the output uses, which
/// is serde's kebab case of the variant (`SpeakerCueAfter` → `speaker-cue-after`). The
/// macro adds `#[serde(rename_all = "kebab-case")]` itself, so the serialised name and
/// `name()` cannot disagree. The docs of `ALL` and `name` are given after the enum.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $Enum:ident {
            $( $(#[$vmeta:meta])* $Variant:ident, )+
        }
        $(#[$all_doc:meta])* ALL;
        $(#[$name_doc:meta])* name;
    ) => {
        $(#[$meta])*
        #[serde(rename_all = "kebab-case")]
        $vis enum $Enum {
            $( $(#[$vmeta])* $Variant, )+
        }

        impl $Enum {
            $(#[$all_doc])*
            pub const ALL: [$Enum; [$(stringify!($Variant)),+].len()] = [$($Enum::$Variant),+];

            $(#[$name_doc])*
            pub fn name(self) -> &'static str {
                match self {
                    $($Enum::$Variant => {
                        const BYTES: [u8; $crate::model::kebab_len(stringify!($Variant))] =
                            $crate::model::kebab(stringify!($Variant));
                        const NAME: &str = match ::std::str::from_utf8(&BYTES) {
                            Ok(name) => name,
                            Err(_) => panic!("a variant name is ASCII"),
                        };
                        NAME
                    })+
                }
            }
        }
    };
}

/// The length of a variant's name in kebab case: one `-` before every capital but the first.
pub(crate) const fn kebab_len(variant: &str) -> usize {
    let b = variant.as_bytes();
    let mut n = b.len();
    let mut i = 1;
    while i < b.len() {
        if b[i].is_ascii_uppercase() {
            n += 1;
        }
        i += 1;
    }
    n
}

/// A variant's name in kebab case, as serde's `rename_all = "kebab-case"` writes it:
/// lower case, with `-` before every capital but the first.
pub(crate) const fn kebab<const N: usize>(variant: &str) -> [u8; N] {
    let b = variant.as_bytes();
    let mut out = [0u8; N];
    let (mut i, mut j) = (0, 0);
    while i < b.len() {
        if i > 0 && b[i].is_ascii_uppercase() {
            out[j] = b'-';
            j += 1;
        }
        out[j] = b[i].to_ascii_lowercase();
        j += 1;
        i += 1;
    }
    out
}

pub(crate) mod article;
pub(crate) mod audit;
pub(crate) mod diagnostic;
pub(crate) mod report;

pub use article::{
    Article, ArticleQuotes, Cue, Kind, Quote, Resolution, Rule, Source, Speaker, SpeakerType,
    StoryType, TextSource,
};
pub use audit::{
    Appearance, Attribution, Audit, Category, DiffBlock, Elsewhere, FailOn, Family, Finding,
    FirstAppearance, InputHash, LinkParams, Op, PART_VERSION, Part, Severity, Story, View,
};
pub use diagnostic::{Diagnostic, Level};
pub use report::{AuditSummary, SCHEMA_VERSION, Summary};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_kebab_case_of_the_variants() {
        assert_eq!(
            Rule::PartialInCuedSentence.name(),
            "partial-in-cued-sentence"
        );
        assert_eq!(Rule::Term.name(), "term");
        assert_eq!(Category::SpeakerNameVariant.name(), "speaker-name-variant");
        assert_eq!(Rule::ALL.len(), 14);
        assert_eq!(Rule::ALL[0], Rule::SpeakerCueAfter);
        assert_eq!(Category::ALL[Category::ALL.len() - 1], Category::BlockQuote);
        assert_eq!(Category::BlockQuote.name(), "block-quote");
    }
}
