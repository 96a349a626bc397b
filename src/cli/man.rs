//! The manual pages: `quotecheck(1)` and one per subcommand (`quotecheck-audit(1)`, …), each
//! with the sections a man page reader looks for (EXIT STATUS, ENVIRONMENT, FILES, SEE ALSO)
//! after what clap_mangen renders from the flags' help.

use std::io::{self, Write};

use clap::CommandFactory;

use super::args::Cli;

/// Every page: its file name (`quotecheck-audit.1`) and its roff source; the main page first.
pub fn pages() -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // (Building names the subcommands `quotecheck-audit`, as their pages are called.)
    cmd.build();
    let mut commands = vec![cmd.clone()];
    commands.extend(cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    let names: Vec<String> = commands.iter().map(page_name).collect();
    let mut out = Vec::new();
    for (c, name) in commands.into_iter().zip(&names) {
        let man = clap_mangen::Man::new(c.clone());
        let mut page = Vec::new();
        man.render_title(&mut page)?;
        man.render_name_section(&mut page)?;
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        if c.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut page)?;
        }
        if c.get_subcommands().next().is_some() {
            man.render_subcommands_section(&mut page)?;
        }
        page.write_all(COMMON.as_bytes())?;
        let see_also: Vec<String> = names
            .iter()
            .filter(|n| *n != name)
            .map(|n| format!("\\fB{n}\\fR(1)"))
            .collect();
        writeln!(page, ".SH \"SEE ALSO\"\n{}", see_also.join(",\n"))?;
        // (Written here: clap_mangen renders a version only for a command that has one, and
        // the subcommands share the program's.)
        writeln!(page, ".SH VERSION\nv{}", env!("CARGO_PKG_VERSION"))?;
        out.push((format!("{name}.1"), page));
    }
    Ok(out)
}

fn page_name(c: &clap::Command) -> String {
    c.get_display_name()
        .unwrap_or_else(|| c.get_name())
        .to_string()
}

/// The sections every page shares, in roff.
const COMMON: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Every input was processed (and, for \fBaudit\fR and \fBmerge\fR, no finding reached \fB\-\-fail\-on\fR).
.TP
\fB1\fR
\fBaudit\fR, \fBmerge\fR: a finding reached the \fB\-\-fail\-on\fR level.
.TP
\fB2\fR
An input was skipped or could not be read, the output could not be written, or the command line was wrong; the output still holds everything that succeeded, and standard error says what was skipped and why.
.PP
A closed output pipe (\fB| head\fR) exits 0.
.SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
Set and not empty: no colour with \fB\-\-color auto\fR.
.TP
\fBCLICOLOR_FORCE\fR
Set and not \fB0\fR: colour with \fB\-\-color auto\fR even when the output is not a terminal (\fBNO_COLOR\fR wins).
.TP
\fBTERM\fR
\fBdumb\fR: no colour with \fB\-\-color auto\fR.
.SH FILES
.TP
\fIquotecheck.toml\fR
Settings (extra speech verbs and titles, outlet aliases, audit thresholds, \fB\-\-fail\-on\fR, the size cap of an article), read from the working directory or the nearest parent that has one; \fB\-\-config\fR names another, \fB\-\-isolated\fR or \fB\-\-no\-config\fR ignores it, \fBquotecheck config\fR prints the settings in force.
"#;
