//! What a page may cost before the DOM library sees it: a linear pre-scan that follows the
//! HTML tree builder's rules closely enough to know how deep the tree it will build gets,
//! how many elements it creates and how much searching of its stack of open elements the
//! page makes it do.
//!
//! Counting tags is not enough. The tree builder (html5ever, as browsers do) closes an
//! element only with an end tag that matches an open element (`</x>` with no open `x`
//! closes nothing, and `</span>` does not close a `<div>` opened inside the span), ignores
//! the `/` of `<div/>`, reopens formatting elements that a block closed (`<p><b>…</p>`), and
//! moves misnested ones (the adoption agency algorithm). Each of those makes the real depth
//! differ from a count of tags, and html5ever's work is its depth times its tags.
//!
//! The model keeps the stack of open elements and the list of active formatting elements as
//! the specification does, for the rules that change depth: implied end tags (`<p>`, `<li>`,
//! `<dd>`, `<dt>`, table rows and cells, `<option>`), scopes, special elements, foreign
//! content, markers and the "Noah's ark" clause. It errs towards depth where it
//! simplifies.

use rustc_hash::FxHashMap;

/// What the pre-scan found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    /// The deepest stack of open elements.
    pub depth: usize,
    /// Elements the tree builder creates (reopened formatting elements included).
    pub elements: usize,
    /// The most attributes on one tag.
    pub attributes: usize,
    /// Steps of searching the stack of open elements and the list of formatting elements:
    /// the tree builder's work beyond one step per token. Not counted once `depth` is past
    /// [`MAX_MODEL_DEPTH`] (the page is refused then, whatever the work).
    pub work: u64,
}

/// Past this depth the model stops following the rules and only counts: the page is
/// refused for its depth, and the count says how deep it goes.
pub(crate) const MAX_MODEL_DEPTH: usize = 512;

/// Most work a page may ask of the tree builder (see [`Shape::work`]): about a second.
/// Real pages need a few million steps at most.
pub(crate) const MAX_WORK: u64 = 200_000_000;

/// `<name>` as a number: FNV-1a of the ASCII-lower-cased name.
const fn name_id(name: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < name.len() {
        h ^= name[i].to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

macro_rules! names {
    ($($c:ident = $s:literal),* $(,)?) => { $(const $c: u64 = name_id($s);)* };
}

names! {
    A = b"a", ADDRESS = b"address", APPLET = b"applet", AREA = b"area", ARTICLE = b"article",
    ASIDE = b"aside", B = b"b", BASE = b"base", BASEFONT = b"basefont", BGSOUND = b"bgsound",
    BIG = b"big", BLOCKQUOTE = b"blockquote", BODY = b"body", BR = b"br", BUTTON = b"button",
    CAPTION = b"caption", CENTER = b"center", CODE = b"code", COL = b"col",
    COLGROUP = b"colgroup", DD = b"dd", DESC = b"desc", DETAILS = b"details",
    DIALOG = b"dialog", DIR = b"dir", DIV = b"div", DL = b"dl", DT = b"dt", EM = b"em",
    EMBED = b"embed", FIELDSET = b"fieldset", FIGCAPTION = b"figcaption", FIGURE = b"figure",
    FONT = b"font", FOOTER = b"footer", FOREIGNOBJECT = b"foreignobject", FORM = b"form",
    FRAME = b"frame", FRAMESET = b"frameset", H1 = b"h1", H2 = b"h2", H3 = b"h3", H4 = b"h4",
    H5 = b"h5", H6 = b"h6", HEAD = b"head", HEADER = b"header", HGROUP = b"hgroup", HR = b"hr",
    HTML = b"html", I = b"i", IFRAME = b"iframe", IMAGE = b"image", IMG = b"img",
    INPUT = b"input", KEYGEN = b"keygen", LI = b"li", LINK = b"link", LISTING = b"listing",
    MAIN = b"main", MARQUEE = b"marquee", MATH = b"math", MENU = b"menu", META = b"meta",
    MI = b"mi", MN = b"mn", MO = b"mo", MS = b"ms", MTEXT = b"mtext",
    ANNOTATION_XML = b"annotation-xml", NAV = b"nav", NOBR = b"nobr", NOEMBED = b"noembed",
    NOFRAMES = b"noframes", NOSCRIPT = b"noscript", OBJECT = b"object", OL = b"ol",
    OPTGROUP = b"optgroup", OPTION = b"option", P = b"p", PARAM = b"param",
    PLAINTEXT = b"plaintext", PRE = b"pre", S = b"s", SCRIPT = b"script", SEARCH = b"search",
    SECTION = b"section", SELECT = b"select", SMALL = b"small", SOURCE = b"source",
    STRIKE = b"strike", STRONG = b"strong", STYLE = b"style", SUMMARY = b"summary",
    SVG = b"svg", TABLE = b"table", TBODY = b"tbody", TD = b"td", TEMPLATE = b"template",
    TEXTAREA = b"textarea", TFOOT = b"tfoot", TH = b"th", THEAD = b"thead", TITLE = b"title",
    TR = b"tr", TRACK = b"track", TT = b"tt", U = b"u", UL = b"ul", WBR = b"wbr", XMP = b"xmp",
    // Names that only matter in foreign content (`<span>` breaks out of it).
    SPAN = b"span", SUB = b"sub", SUP = b"sup", VAR = b"var", RUBY = b"ruby",
}

fn is_void(n: u64) -> bool {
    matches!(
        n,
        AREA | BASE
            | BASEFONT
            | BGSOUND
            | BR
            | COL
            | EMBED
            | FRAME
            | HR
            | IMAGE
            | IMG
            | INPUT
            | KEYGEN
            | LINK
            | META
            | PARAM
            | SOURCE
            | TRACK
            | WBR
    )
}

fn is_formatting(n: u64) -> bool {
    matches!(
        n,
        A | B | BIG | CODE | EM | FONT | I | NOBR | S | SMALL | STRIKE | STRONG | TT | U
    )
}

fn is_heading(n: u64) -> bool {
    matches!(n, H1 | H2 | H3 | H4 | H5 | H6)
}

/// The HTML elements of the "special" category (foreign ones are handled by [`El`]).
fn is_special_html(n: u64) -> bool {
    is_heading(n)
        || matches!(
            n,
            ADDRESS
                | APPLET
                | AREA
                | ARTICLE
                | ASIDE
                | BASE
                | BASEFONT
                | BGSOUND
                | BLOCKQUOTE
                | BODY
                | BR
                | BUTTON
                | CAPTION
                | CENTER
                | COL
                | COLGROUP
                | DD
                | DETAILS
                | DIR
                | DIV
                | DL
                | DT
                | EMBED
                | FIELDSET
                | FIGCAPTION
                | FIGURE
                | FOOTER
                | FORM
                | FRAME
                | FRAMESET
                | HEAD
                | HEADER
                | HGROUP
                | HR
                | HTML
                | IFRAME
                | IMG
                | INPUT
                | KEYGEN
                | LI
                | LINK
                | LISTING
                | MAIN
                | MARQUEE
                | MENU
                | META
                | NAV
                | NOEMBED
                | NOFRAMES
                | NOSCRIPT
                | OBJECT
                | OL
                | P
                | PARAM
                | PLAINTEXT
                | PRE
                | SCRIPT
                | SEARCH
                | SECTION
                | SELECT
                | SOURCE
                | STYLE
                | SUMMARY
                | TABLE
                | TBODY
                | TD
                | TEMPLATE
                | TEXTAREA
                | TFOOT
                | TH
                | THEAD
                | TITLE
                | TR
                | TRACK
                | UL
                | WBR
                | XMP
        )
}

/// Start tags that close an open `<p>` first.
fn closes_p(n: u64) -> bool {
    is_heading(n)
        || matches!(
            n,
            ADDRESS
                | ARTICLE
                | ASIDE
                | BLOCKQUOTE
                | CENTER
                | DETAILS
                | DIALOG
                | DIR
                | DIV
                | DL
                | FIELDSET
                | FIGCAPTION
                | FIGURE
                | FOOTER
                | HEADER
                | HGROUP
                | MAIN
                | MENU
                | NAV
                | OL
                | P
                | SEARCH
                | SECTION
                | SUMMARY
                | UL
                | PRE
                | LISTING
                | FORM
                | HR
                | XMP
                | PLAINTEXT
                | LI
                | DD
                | DT
        )
}

/// End tags that close their element (and everything above it) when it is in scope.
fn is_block_end(n: u64) -> bool {
    matches!(
        n,
        ADDRESS
            | ARTICLE
            | ASIDE
            | BLOCKQUOTE
            | BUTTON
            | CENTER
            | DETAILS
            | DIALOG
            | DIR
            | DIV
            | DL
            | FIELDSET
            | FIGCAPTION
            | FIGURE
            | FOOTER
            | HEADER
            | HGROUP
            | LISTING
            | MAIN
            | MENU
            | NAV
            | OL
            | PRE
            | SEARCH
            | SECTION
            | SUMMARY
            | UL
    )
}

/// Elements whose content is text up to their end tag (in HTML content).
fn is_raw_text(n: u64) -> bool {
    matches!(
        n,
        SCRIPT | STYLE | XMP | IFRAME | NOEMBED | NOFRAMES | TEXTAREA | TITLE
    )
}

/// Elements that put a marker on the list of active formatting elements.
fn is_marker(n: u64) -> bool {
    matches!(n, APPLET | OBJECT | MARQUEE | TEMPLATE | TD | TH | CAPTION)
}

/// HTML start tags that leave foreign content.
fn breaks_out(n: u64) -> bool {
    is_heading(n)
        || matches!(
            n,
            B | BIG
                | BLOCKQUOTE
                | BODY
                | BR
                | CENTER
                | CODE
                | DD
                | DIV
                | DL
                | DT
                | EM
                | EMBED
                | HEAD
                | HR
                | I
                | IMG
                | LI
                | LISTING
                | MENU
                | META
                | NOBR
                | OL
                | P
                | PRE
                | RUBY
                | S
                | SMALL
                | SPAN
                | STRONG
                | STRIKE
                | SUB
                | SUP
                | TABLE
                | TT
                | U
                | UL
                | VAR
                | FONT
        )
}

/// Which elements bound a scope search.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// "has an element in scope".
    Default,
    /// ... in button scope.
    Button,
    /// ... in list item scope.
    ListItem,
    /// ... in table scope.
    Table,
}

/// One element on the model's stack.
#[derive(Clone, Copy)]
struct El {
    name: u64,
    /// Unique among the elements the page creates.
    id: u32,
    /// In SVG or MathML.
    foreign: bool,
}

impl El {
    fn special(&self) -> bool {
        if self.foreign {
            self.integration()
        } else {
            is_special_html(self.name)
        }
    }

    /// A foreign element in which HTML rules apply again.
    fn integration(&self) -> bool {
        self.foreign
            && matches!(
                self.name,
                FOREIGNOBJECT | DESC | TITLE | MI | MO | MN | MS | MTEXT | ANNOTATION_XML
            )
    }

    fn bounds(&self, scope: Scope) -> bool {
        if self.foreign {
            return scope != Scope::Table && self.integration();
        }
        match scope {
            Scope::Table => matches!(self.name, HTML | TABLE | TEMPLATE),
            _ => {
                matches!(
                    self.name,
                    APPLET | CAPTION | HTML | TABLE | TD | TH | MARQUEE | OBJECT | TEMPLATE
                ) || (scope == Scope::Button && self.name == BUTTON)
                    || (scope == Scope::ListItem && matches!(self.name, OL | UL))
            }
        }
    }
}

/// An entry of the list of active formatting elements.
#[derive(Clone, Copy)]
enum Fmt {
    Marker,
    /// An element, its name, and its name and attributes (for the "Noah's ark" clause).
    El {
        id: u32,
        name: u64,
        key: u64,
    },
}

/// The tree builder's state, as far as depth goes.
#[derive(Default)]
struct Model {
    stack: Vec<El>,
    list: Vec<Fmt>,
    /// Per element id: on the stack; in the list.
    on_stack: Vec<bool>,
    listed: Vec<bool>,
    /// Open elements by name (for the "no `x` is open" shortcut).
    open: FxHashMap<u64, u32>,
    shape: Shape,
    /// Past [`MAX_MODEL_DEPTH`]: only count.
    counting: bool,
}

impl Model {
    fn is_open(&self, name: u64) -> bool {
        self.open.get(&name).is_some_and(|&n| n > 0)
    }

    fn step(&mut self, n: usize) {
        if !self.counting {
            self.shape.work += n as u64;
            if self.shape.work > MAX_WORK {
                // Refused for its work: from here on, only count depth.
                self.counting = true;
            }
        }
    }

    fn push(&mut self, name: u64, foreign: bool) -> u32 {
        let id = self.on_stack.len() as u32;
        self.on_stack.push(true);
        self.listed.push(false);
        self.stack.push(El { name, id, foreign });
        *self.open.entry(name).or_default() += 1;
        self.shape.elements += 1;
        self.shape.depth = self.shape.depth.max(self.stack.len());
        if !self.counting && is_marker(name) && !foreign {
            self.list.push(Fmt::Marker);
        }
        if self.stack.len() > MAX_MODEL_DEPTH {
            self.counting = true;
        }
        id
    }

    /// Takes element `k` off the stack (the top one, or one in the middle).
    fn remove_at(&mut self, k: usize) -> El {
        let el = self.stack.remove(k);
        self.step(self.stack.len() - k);
        self.on_stack[el.id as usize] = false;
        if let Some(n) = self.open.get_mut(&el.name) {
            *n = n.saturating_sub(1);
        }
        if !self.counting && is_marker(el.name) && !el.foreign {
            self.clear_to_marker();
        }
        el
    }

    fn pop(&mut self) -> Option<El> {
        let k = self.stack.len().checked_sub(1)?;
        Some(self.remove_at(k))
    }

    /// Pops elements until one matching `found` has been popped.
    fn pop_until(&mut self, found: impl Fn(&El) -> bool) {
        while let Some(el) = self.pop() {
            if found(&el) {
                break;
            }
        }
    }

    /// Position of the topmost element named `name` if it is in `scope`.
    fn in_scope(&mut self, name: u64, scope: Scope) -> Option<usize> {
        self.in_scope_where(|e| !e.foreign && e.name == name, scope)
    }

    fn in_scope_where(&mut self, found: impl Fn(&El) -> bool, scope: Scope) -> Option<usize> {
        let mut steps = 0;
        let mut at = None;
        for k in (0..self.stack.len()).rev() {
            steps += 1;
            let el = &self.stack[k];
            if found(el) {
                at = Some(k);
                break;
            }
            if el.bounds(scope) {
                break;
            }
        }
        self.step(steps);
        at
    }

    fn top(&self) -> Option<El> {
        self.stack.last().copied()
    }

    fn clear_to_marker(&mut self) {
        while let Some(f) = self.list.pop() {
            match f {
                Fmt::Marker => break,
                Fmt::El { id, .. } => self.listed[id as usize] = false,
            }
        }
    }

    /// Reopens the formatting elements that were closed without their end tag.
    fn reconstruct(&mut self) {
        let open_or_marker = |m: &Model, f: &Fmt| match *f {
            Fmt::Marker => true,
            Fmt::El { id, .. } => m.on_stack[id as usize],
        };
        let Some(last) = self.list.last() else { return };
        if open_or_marker(self, last) {
            return;
        }
        let mut i = self.list.len() - 1;
        while i > 0 && !open_or_marker(self, &self.list[i - 1]) {
            i -= 1;
        }
        self.step(self.list.len() - i);
        for j in i..self.list.len() {
            if let Fmt::El { name, key, id } = self.list[j] {
                self.listed[id as usize] = false;
                let new = self.push(name, false);
                self.listed[new as usize] = true;
                self.list[j] = Fmt::El { id: new, name, key };
                if self.counting {
                    return;
                }
            }
        }
    }

    /// Pushes formatting element `name` and lists it, keeping at most three identical
    /// entries after the last marker.
    fn push_formatting(&mut self, name: u64, key: u64) {
        let mut same = Vec::new();
        for k in (0..self.list.len()).rev() {
            match self.list[k] {
                Fmt::Marker => break,
                Fmt::El { key: other, .. } if other == key => same.push(k),
                Fmt::El { .. } => {}
            }
        }
        self.step(self.list.len());
        if same.len() >= 3 {
            if let Some(&earliest) = same.last() {
                if let Fmt::El { id, .. } = self.list.remove(earliest) {
                    self.listed[id as usize] = false;
                }
            }
        }
        let id = self.push(name, false);
        self.listed[id as usize] = true;
        self.list.push(Fmt::El { id, name, key });
    }

    /// The list entry of the last formatting element `name` after the last marker.
    fn listed_formatting(&mut self, name: u64) -> Option<usize> {
        let mut steps = 0;
        let mut at = None;
        for k in (0..self.list.len()).rev() {
            steps += 1;
            match self.list[k] {
                Fmt::Marker => break,
                Fmt::El { name: n, .. } if n == name => {
                    at = Some(k);
                    break;
                }
                Fmt::El { .. } => {}
            }
        }
        self.step(steps);
        at
    }

    fn unlist(&mut self, id: u32) {
        if let Some(k) = self
            .list
            .iter()
            .rposition(|f| matches!(f, Fmt::El { id: i, .. } if *i == id))
        {
            self.step(self.list.len() - k);
            self.list.remove(k);
        }
        self.listed[id as usize] = false;
    }

    /// `</name>` for a formatting element: the adoption agency algorithm, as far as the
    /// stack goes.
    fn adoption(&mut self, name: u64) {
        for _ in 0..8 {
            let Some(li) = self.listed_formatting(name) else {
                self.any_other_end(name);
                return;
            };
            let Fmt::El { id, key, .. } = self.list[li] else {
                return;
            };
            if !self.on_stack[id as usize] {
                self.list.remove(li);
                self.listed[id as usize] = false;
                return;
            }
            let Some(p) = self.in_scope_where(|e| e.id == id, Scope::Default) else {
                return;
            };
            let fb = (p + 1..self.stack.len()).find(|&k| self.stack[k].special());
            self.step(fb.map_or(self.stack.len(), |f| f + 1) - p);
            let Some(mut f) = fb else {
                while self.stack.len() > p {
                    self.pop();
                }
                self.unlist(id);
                return;
            };
            // Between the formatting element and the furthest block: listed elements are
            // cloned in place (three at most), the others leave the stack.
            let mut k = f;
            let mut counter = 0;
            while k > p + 1 {
                k -= 1;
                counter += 1;
                let el = self.stack[k];
                let mut listed = self.listed[el.id as usize];
                if counter > 3 && listed {
                    self.unlist(el.id);
                    listed = false;
                }
                if listed {
                    let new = self.on_stack.len() as u32;
                    self.on_stack.push(true);
                    self.listed.push(true);
                    self.on_stack[el.id as usize] = false;
                    self.listed[el.id as usize] = false;
                    self.stack[k].id = new;
                    self.shape.elements += 1;
                    if let Some(e) = self
                        .list
                        .iter_mut()
                        .rev()
                        .find(|f| matches!(f, Fmt::El { id: i, .. } if *i == el.id))
                    {
                        *e = Fmt::El {
                            id: new,
                            name: el.name,
                            key: match e {
                                Fmt::El { key, .. } => *key,
                                Fmt::Marker => 0,
                            },
                        };
                    }
                    self.step(self.list.len());
                } else {
                    self.remove_at(k);
                    f -= 1;
                }
            }
            // The formatting element leaves; its clone goes right above the furthest block.
            self.remove_at(p);
            f -= 1;
            let new = self.on_stack.len() as u32;
            self.on_stack.push(true);
            self.listed.push(true);
            self.listed[id as usize] = false;
            self.stack.insert(
                f + 1,
                El {
                    name,
                    id: new,
                    foreign: false,
                },
            );
            *self.open.entry(name).or_default() += 1;
            self.shape.elements += 1;
            self.step(self.stack.len() - f);
            if let Some(e) = self
                .list
                .iter_mut()
                .rev()
                .find(|x| matches!(x, Fmt::El { id: i, .. } if *i == id))
            {
                *e = Fmt::El { id: new, name, key };
            }
        }
    }

    /// An end tag with no rule of its own: closes the topmost `name` unless a special
    /// element stands above it.
    fn any_other_end(&mut self, name: u64) {
        if !self.is_open(name) {
            // The tree builder still searches down to the first special element.
            let steps = self
                .stack
                .iter()
                .rev()
                .position(|e| e.special())
                .unwrap_or(self.stack.len());
            self.step(steps);
            return;
        }
        let mut steps = 0;
        for k in (0..self.stack.len()).rev() {
            steps += 1;
            let el = self.stack[k];
            if el.name == name {
                self.step(steps);
                while self.stack.len() > k {
                    self.pop();
                }
                return;
            }
            if el.special() {
                break;
            }
        }
        self.step(steps);
    }

    /// A start tag; `font_breaks_out`: it is a `<font>` with `color`, `face` or `size`.
    fn start_tag(&mut self, name: u64, key: u64, self_closing: bool, font_breaks_out: bool) {
        if self.counting {
            if !(is_void(name) || (self_closing && self.top().is_some_and(|t| t.foreign))) {
                self.push(name, false);
            }
            return;
        }
        // The tree builder's scope searches cost up to the depth for many tags.
        self.step(1 + self.stack.len());
        // Foreign content: SVG and MathML until an HTML tag breaks out or an integration
        // point lets HTML in.
        if let Some(top) = self.top() {
            if top.foreign && !top.integration() {
                if breaks_out(name) && (name != FONT || font_breaks_out) {
                    while self.top().is_some_and(|t| t.foreign && !t.integration()) {
                        self.pop();
                    }
                } else {
                    if !self_closing {
                        self.push(name, true);
                    }
                    return;
                }
            }
        }
        match name {
            HTML => {
                if self.stack.is_empty() {
                    self.push(name, false);
                }
                return;
            }
            BODY | FRAMESET => {
                if !self.is_open(BODY) && !self.is_open(FRAMESET) {
                    if self.top().is_some_and(|t| t.name == HEAD) {
                        self.pop();
                    }
                    self.push(name, false);
                }
                return;
            }
            HEAD => {
                if !self.is_open(HEAD) && !self.is_open(BODY) {
                    self.push(name, false);
                }
                return;
            }
            BASE | BASEFONT | BGSOUND | LINK | META | NOFRAMES | SCRIPT | STYLE | TEMPLATE
            | TITLE | NOSCRIPT => {}
            _ => {
                // Anything else ends the head.
                if self.top().is_some_and(|t| t.name == HEAD) {
                    self.pop();
                }
            }
        }
        // Table structure outside a table is ignored.
        if matches!(
            name,
            CAPTION | COL | COLGROUP | TBODY | TD | TFOOT | TH | THEAD | TR
        ) && !self.is_open(TABLE)
            && !self.is_open(TEMPLATE)
        {
            return;
        }
        if name == LI || name == DD || name == DT {
            let same = |n: u64| {
                if name == LI {
                    n == LI
                } else {
                    n == DD || n == DT
                }
            };
            let mut steps = 0;
            let mut close = None;
            for k in (0..self.stack.len()).rev() {
                steps += 1;
                let el = self.stack[k];
                if !el.foreign && same(el.name) {
                    close = Some(k);
                    break;
                }
                if el.special() && !matches!(el.name, ADDRESS | DIV | P) {
                    break;
                }
            }
            self.step(steps);
            if let Some(k) = close {
                while self.stack.len() > k {
                    self.pop();
                }
            }
        }
        if closes_p(name) && self.is_open(P) {
            if let Some(k) = self.in_scope(P, Scope::Button) {
                while self.stack.len() > k {
                    self.pop();
                }
            }
        }
        match name {
            // A heading closes a heading that is the current node.
            _ if is_heading(name)
                && self.top().is_some_and(|t| !t.foreign && is_heading(t.name)) =>
            {
                self.pop();
            }
            // Forms do not nest.
            FORM if self.is_open(FORM) => return,
            BUTTON if self.is_open(BUTTON) => {
                if let Some(k) = self.in_scope(BUTTON, Scope::Default) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
            A => {
                if let Some(li) = self.listed_formatting(A) {
                    if let Fmt::El { id, .. } = self.list[li] {
                        self.adoption(A);
                        if self.listed[id as usize] {
                            self.unlist(id);
                        }
                        if self.on_stack[id as usize] {
                            if let Some(k) = self.stack.iter().rposition(|e| e.id == id) {
                                self.remove_at(k);
                            }
                        }
                    }
                }
            }
            NOBR => {
                self.reconstruct();
                if self.is_open(NOBR) && self.in_scope(NOBR, Scope::Default).is_some() {
                    self.adoption(NOBR);
                    self.reconstruct();
                }
            }
            TD | TH => {
                if let Some(k) =
                    self.in_scope_where(|e| !e.foreign && matches!(e.name, TD | TH), Scope::Table)
                {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
                // A cell straight in a table gets its implied row (and body).
                if self.top().is_some_and(|t| t.name == TABLE) {
                    self.push(TBODY, false);
                }
                if self
                    .top()
                    .is_some_and(|t| matches!(t.name, TBODY | THEAD | TFOOT))
                {
                    self.push(TR, false);
                }
            }
            TR => {
                if let Some(k) = self.in_scope(TR, Scope::Table) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
                if self.top().is_some_and(|t| t.name == TABLE) {
                    self.push(TBODY, false);
                }
            }
            TBODY | THEAD | TFOOT => {
                if let Some(k) = self.in_scope_where(
                    |e| !e.foreign && matches!(e.name, TBODY | THEAD | TFOOT),
                    Scope::Table,
                ) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
            OPTION if self.top().is_some_and(|t| t.name == OPTION) => {
                self.pop();
            }
            OPTGROUP => {
                if self.top().is_some_and(|t| t.name == OPTION) {
                    self.pop();
                }
                if self.top().is_some_and(|t| t.name == OPTGROUP) {
                    self.pop();
                }
            }
            // A select in a select ends it.
            SELECT if self.is_open(SELECT) => {
                self.pop_until(|e| e.name == SELECT);
                return;
            }
            _ => {}
        }
        if is_formatting(name) {
            if name != NOBR {
                self.reconstruct();
            }
            self.push_formatting(name, key);
            return;
        }
        // Other inline and unknown elements reopen what a block closed.
        if !closes_p(name)
            && !matches!(
                name,
                TABLE
                    | TBODY
                    | THEAD
                    | TFOOT
                    | TR
                    | TD
                    | TH
                    | CAPTION
                    | COLGROUP
                    | COL
                    | FRAMESET
                    | FRAME
                    | HEAD
            )
        {
            self.reconstruct();
        }
        if is_void(name) {
            return;
        }
        let foreign = matches!(name, SVG | MATH);
        if foreign && self_closing {
            return;
        }
        self.push(name, foreign);
    }

    fn end_tag(&mut self, name: u64) {
        if self.counting {
            if self.is_open(name) {
                self.pop_until(|e| e.name == name);
            }
            return;
        }
        self.step(1 + self.stack.len());
        // Foreign content: the matching foreign element closes, else HTML rules.
        if self.top().is_some_and(|t| t.foreign) {
            let mut steps = 0;
            for k in (0..self.stack.len()).rev() {
                steps += 1;
                let el = self.stack[k];
                if !el.foreign {
                    break;
                }
                if el.name == name {
                    self.step(steps);
                    while self.stack.len() > k {
                        self.pop();
                    }
                    return;
                }
            }
            self.step(steps);
        }
        if !self.is_open(name)
            && !is_heading(name)
            && !matches!(name, P | BR | BODY | HTML)
            && !is_formatting(name)
        {
            // Nothing of that name is open: the tree builder ignores it, after a search.
            self.any_other_end(name);
            return;
        }
        match name {
            P => match self.in_scope(P, Scope::Button) {
                Some(k) => {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
                // `</p>` with no `<p>` makes an empty paragraph.
                None => self.shape.elements += 1,
            },
            LI => {
                if let Some(k) = self.in_scope(LI, Scope::ListItem) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
            DD | DT => {
                if let Some(k) = self.in_scope(name, Scope::Default) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
            _ if is_heading(name) => {
                if let Some(k) =
                    self.in_scope_where(|e| !e.foreign && is_heading(e.name), Scope::Default)
                {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
            FORM => {
                if let Some(k) = self.in_scope(FORM, Scope::Default) {
                    self.remove_at(k);
                }
            }
            APPLET | MARQUEE | OBJECT | TEMPLATE | CAPTION => {
                if let Some(k) = self.in_scope(name, Scope::Default) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
            TABLE | TBODY | THEAD | TFOOT | TR | TD | TH => {
                if let Some(k) = self.in_scope(name, Scope::Table) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
            COLGROUP | OPTION | HEAD => {
                if self.top().is_some_and(|t| t.name == name) {
                    self.pop();
                }
            }
            OPTGROUP => {
                if self.top().is_some_and(|t| t.name == OPTION) {
                    self.pop();
                }
                if self.top().is_some_and(|t| t.name == OPTGROUP) {
                    self.pop();
                }
            }
            SELECT => {
                if let Some(k) = self.in_scope(SELECT, Scope::Table) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
            // `</body>`, `</html>` end nothing; `</br>` is a `<br>`.
            BODY | HTML | BR => {}
            _ if is_formatting(name) => self.adoption(name),
            _ if is_block_end(name) => {
                if let Some(k) = self.in_scope(name, Scope::Default) {
                    while self.stack.len() > k {
                        self.pop();
                    }
                }
            }
            _ => self.any_other_end(name),
        }
    }

    fn text(&mut self) {
        if !self.counting {
            self.step(1);
            self.reconstruct();
        }
    }
}

/// Scans `html` as the tokenizer would (tags and their attributes, comments, raw text) and
/// runs the model over it.
pub(crate) fn scan(html: &str) -> Shape {
    let b = html.as_bytes();
    let mut m = Model::default();
    let mut i = 0;
    while i < b.len() {
        let Some(off) = memchr::memchr(b'<', &b[i..]) else {
            m.text();
            break;
        };
        if off > 0 {
            m.text();
        }
        let at = i + off + 1;
        let Some(&c) = b.get(at) else { break };
        if c == b'!' {
            // A comment, or a doctype or other declaration.
            i = if b[at..].starts_with(b"!--") {
                memchr::memmem::find(&b[at + 3..], b"-->").map_or(b.len(), |e| at + 3 + e + 3)
            } else {
                memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1)
            };
            continue;
        }
        if c == b'?' {
            i = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
            continue;
        }
        let end_tag = c == b'/';
        let name_start = if end_tag { at + 1 } else { at };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if end_tag {
                // `</ ...>` and `</>`: a bogus comment, or nothing.
                i = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
            } else {
                // A `<` that starts no tag is text.
                m.text();
                i = at;
            }
            continue;
        }
        let name_end = b[name_start..]
            .iter()
            .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
            .map_or(b.len(), |p| name_start + p);
        let name = name_id(&b[name_start..name_end]);
        let tag = attributes(b, name_end);
        m.shape.attributes = m.shape.attributes.max(tag.count);
        // The tokenizer checks every attribute of a tag against those before it.
        let pairs = (tag.count as u64).saturating_mul(tag.count as u64) / 2;
        m.shape.work = m.shape.work.saturating_add(pairs);
        i = tag.end;
        if end_tag {
            m.end_tag(name);
            continue;
        }
        let key = name_id(&b[name_start..tag.end.saturating_sub(1).max(name_start)]);
        let foreign_context = m.top().is_some_and(|t| t.foreign && !t.integration());
        let font_breaks_out = name == FONT && {
            let attrs = b[name_end..tag.end].to_ascii_lowercase();
            [&b"color"[..], b"face", b"size"]
                .iter()
                .any(|a| memchr::memmem::find(&attrs, a).is_some())
        };
        m.start_tag(name, key, tag.self_closing, font_breaks_out);
        if foreign_context && !(breaks_out(name) && (name != FONT || font_breaks_out)) {
            continue;
        }
        if name == PLAINTEXT {
            break;
        }
        if is_raw_text(name) {
            // Text up to `</name`: nothing in it is a tag.
            let raw = &b[name_start..name_end];
            let mut j = i;
            i = b.len();
            while let Some(off) = memchr::memmem::find(&b[j..], b"</") {
                let k = j + off + 2;
                let close = b.get(k..k + raw.len());
                if close.is_some_and(|c| c.eq_ignore_ascii_case(raw))
                    && b.get(k + raw.len())
                        .is_none_or(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
                {
                    i = k - 2;
                    break;
                }
                j = k;
            }
            if i > name_end {
                m.text();
            }
        }
    }
    m.shape
}

/// Where a tag's attributes end, and how many it has.
struct Tag {
    /// One past its `>` (or the end of the page).
    end: usize,
    count: usize,
    self_closing: bool,
}

/// Reads the attributes of a tag from `i` (just after its name) as the tokenizer does:
/// names, `=`, quoted and unquoted values; a `>` inside quotes does not end the tag.
fn attributes(b: &[u8], mut i: usize) -> Tag {
    let mut count = 0;
    let mut self_closing = false;
    loop {
        // Before an attribute name.
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/' && b.get(i + 1) == Some(&b'>');
            i += 1;
        }
        match b.get(i) {
            None => {
                return Tag {
                    end: b.len(),
                    count,
                    self_closing: false,
                };
            }
            Some(b'>') => {
                return Tag {
                    end: i + 1,
                    count,
                    self_closing,
                };
            }
            Some(_) => {}
        }
        self_closing = false;
        // The name: its first character may be anything but white space, `/` and `>`.
        count += 1;
        i += 1;
        while i < b.len() && !matches!(b[i], b'/' | b'>' | b'=') && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                i = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
            }
            _ => {
                while i < b.len() && b[i] != b'>' && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
        }
    }
}

/// What html5ever's serialiser (which dom_smoothie runs on the article it keeps) spends on
/// `text`: for each `&` and each byte 0xC2 (`&nbsp;` and most of Latin-1) it searches on
/// to the next `<` or `>` (and `"` in an attribute), so a long run of them is quadratic.
pub(crate) fn escape_cost(text: &[u8], attribute: bool) -> u64 {
    let mut cost = 0u64;
    for run in text.split(|&c| c == b'<' || c == b'>' || (attribute && c == b'"')) {
        let specials = memchr::memchr2_iter(b'&', 0xC2, run).count() as u64;
        cost = cost.saturating_add(specials.saturating_mul(run.len() as u64));
    }
    cost
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &str) -> usize {
        scan(html).depth
    }

    #[test]
    fn end_tags_close_only_what_is_open() {
        assert_eq!(depth("<div><div><span>x</span></div></div>"), 3);
        // `</x>` closes nothing: the divs nest.
        assert_eq!(depth(&"<div></x>".repeat(1000)), 1000);
        // `</span>` does not close a div opened inside the span.
        assert_eq!(depth(&"<span><div></span>".repeat(200)), 400);
        // `</p>` without a `<p>` closes nothing either.
        assert_eq!(depth(&"<b></p>".repeat(1000)), 1000);
    }

    #[test]
    fn self_closing_is_ignored_in_html_only() {
        assert_eq!(depth(&"<div/>".repeat(1000)), 1000);
        assert_eq!(depth("<p>a<br>b<img src=x/></p>"), 1);
        assert_eq!(
            depth(&format!("<svg>{}</svg>", "<path d=\"M0\"/>".repeat(1000))),
            1
        );
    }

    #[test]
    fn implied_end_tags_close_what_html_closes() {
        assert_eq!(depth(&"<p>a".repeat(1000)), 1);
        assert_eq!(depth(&format!("<ul>{}</ul>", "<li>a".repeat(1000))), 2);
        assert_eq!(
            depth(&format!("<table>{}</table>", "<tr><td>a<td>b".repeat(1000))),
            4
        );
        assert_eq!(
            depth(&format!("<select>{}</select>", "<option>a".repeat(1000))),
            2
        );
        assert_eq!(depth(&"<dl><dt>a<dd>b</dl>".repeat(1000)), 2);
    }

    #[test]
    fn formatting_elements_are_reopened_and_adopted() {
        // Unclosed bold in paragraphs: reopened, but at most three alike.
        assert!(depth(&"<p><b>x</p>".repeat(1000)) <= 5);
        // Misnested bold around a paragraph: adopted, not stacked.
        assert!(depth(&"<b><p>x</b>y</p>".repeat(1000)) <= 5);
        // Distinct attributes defeat the three-alike rule: the tree really is deep.
        let distinct: String = (0..1000).map(|i| format!("<p><b id={i}>x</p>")).collect();
        assert!(depth(&distinct) > 512);
    }

    #[test]
    fn raw_text_and_comments_hold_no_tags() {
        assert_eq!(
            depth("<script>var s = \"<div><div><div>\";</script><!-- <div><div> --><p>x</p>"),
            1
        );
        assert_eq!(depth("<title><div><div></title><p>"), 1);
        assert_eq!(depth("<p title=\"a > b <div>\">x</p>"), 1);
    }

    #[test]
    fn attributes_are_counted_per_tag() {
        let many = format!(
            "<div {}>x</div>",
            (0..5000).map(|i| format!("a{i} ")).collect::<String>()
        );
        let s = scan(&many);
        assert_eq!(s.attributes, 5000);
        assert!(s.work >= 5000 * 5000 / 2);
        assert_eq!(scan("<a href='x>y' class=z id=\"w\">t</a>").attributes, 3);
    }

    proptest::proptest! {
        /// The pre-scan runs on every page before anything can catch a panic: it must take
        /// any text, tag soup or not.
        #[test]
        fn any_text_scans(t in "(<|>|/|!|-|=|\"|'| |a|b|p|x|td|tr|table|svg|math|nobr|select|script|title|font|div|&|\u{00E9})*") {
            let s = scan(&t);
            proptest::prop_assert!(s.depth <= s.elements);
        }
    }

    #[test]
    fn escape_cost_is_quadratic_only_in_long_runs() {
        assert_eq!(escape_cost(b"a & b", false), 5);
        assert_eq!(escape_cost(&b"&".repeat(1000), false), 1_000_000);
        assert_eq!(escape_cost(&b"&<".repeat(1000), false), 1000);
    }
}
