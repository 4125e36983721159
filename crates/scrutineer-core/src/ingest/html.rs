//! The visible text of a web page saved from a council website.
//!
//! Council sites wrap each set of minutes in navigation, cookie banners, search boxes and
//! footers; a page saved from the browser keeps all of it, plus scripts and styles. Extraction
//! wants only what a reader sees as the document, laid out as lines and paragraphs (blank lines),
//! because it finds items, resolutions and paragraphs by line structure. So: invisible and
//! chrome elements are dropped, block elements become line or paragraph breaks, list items become
//! bullet (or numbered) lines, table cells are separated by ` | `, and when the page marks its
//! main content (`<main>`, `role="main"`) and that content is most of the page, only it is kept.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};

/// What a web page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebPage {
    /// The visible text, with line and paragraph breaks.
    pub text: String,
    /// The `<title>`, whitespace collapsed.
    pub title: Option<String>,
}

/// Reduce an HTML document to its visible text and title.
pub fn visible_text(html: &str) -> WebPage {
    let doc = Html::parse_document(html);
    let root = doc.tree.root();
    let whole = render(root);
    let text = match find_main(root) {
        Some(main) => {
            let main_text = render(main);
            // A <main> that holds only a fragment of the page (some sites put a search box
            // there) would lose the minutes, so it must carry most of the visible text.
            if visible_len(&main_text) * 10 >= visible_len(&whole) * 3 {
                main_text
            } else {
                whole
            }
        }
        None => whole,
    };
    WebPage {
        text,
        title: find_title(root),
    }
}

fn visible_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

fn find_title(root: NodeRef<Node>) -> Option<String> {
    let title = root.descendants().find(|n| {
        n.value().as_element().is_some_and(|e| e.name() == "title")
            && !n
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "svg"))
    })?;
    let text: String = title
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

fn find_main(root: NodeRef<Node>) -> Option<NodeRef<Node>> {
    root.descendants().find(|n| {
        n.value()
            .as_element()
            .is_some_and(|e| e.name() == "main" || e.attr("role") == Some("main"))
    })
}

/// Elements whose content is never visible text.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "map", "button", "select", "option", "textarea", "input", "dialog",
];

/// Site chrome, dropped unless inside the page's content (an article's own header is content).
const CHROME: &[&str] = &["nav", "header", "footer", "aside"];

/// Blocks that stand apart as paragraphs (a blank line before and after).
const PARAGRAPH: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "figure",
    "hr",
    "address",
    "fieldset",
    "details",
];

/// Blocks that start a new line.
const LINE: &[&str] = &[
    "div",
    "li",
    "tr",
    "dt",
    "dd",
    "caption",
    "center",
    "summary",
    "legend",
    "figcaption",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "body",
];

/// Words in an `id` or `class` that mark chrome: cookie and consent banners, breadcrumbs, skip
/// links.
const CHROME_MARKERS: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "onetrust",
    "breadcrumb",
    "skip-link",
    "skiplink",
    "skip-to",
];

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        let style = style.to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

fn is_chrome(el: &Element, in_content: bool) -> bool {
    if !in_content && CHROME.contains(&el.name()) {
        return true;
    }
    if matches!(
        el.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "search")
    ) && !in_content
    {
        return true;
    }
    let marks = |s: &str| {
        let s = s.to_ascii_lowercase();
        CHROME_MARKERS.iter().any(|m| s.contains(m))
    };
    el.id().is_some_and(marks) || el.attr("class").is_some_and(marks)
}

/// The visible text under `root`.
fn render(root: NodeRef<Node>) -> String {
    let mut sink = Sink::default();
    // The node whose subtree is being skipped, if any.
    let mut skipping: Option<ego_tree::NodeId> = None;
    // How many <main>/<article> elements are open: inside them, headers are content.
    let mut content_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => sink.text(text),
                    Node::Element(el) => {
                        if INVISIBLE.contains(&el.name())
                            || is_hidden(el)
                            || is_chrome(el, content_depth > 0)
                        {
                            skipping = Some(node.id());
                            continue;
                        }
                        if matches!(el.name(), "main" | "article") {
                            content_depth += 1;
                        }
                        sink.open(el);
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    if matches!(el.name(), "main" | "article") {
                        content_depth = content_depth.saturating_sub(1);
                    }
                    sink.close(el);
                }
            }
        }
    }
    sink.finish()
}

/// Builds text from the element stream, collapsing whitespace as a browser does.
#[derive(Default)]
struct Sink {
    out: String,
    /// The break owed before the next text: 0 none, 1 line, 2 paragraph.
    owed: u8,
    /// Whitespace seen since the last character.
    space: bool,
    /// Open `<pre>` elements.
    pre: usize,
    /// Open lists: `Some(next number)` for ordered lists.
    lists: Vec<Option<u32>>,
    /// Cells seen in each open table row.
    cells: Vec<usize>,
}

impl Sink {
    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            self.pay();
            self.out.push_str(text);
            return;
        }
        for c in text.chars() {
            // A no-break space is visible spacing, not collapsible whitespace.
            if c.is_whitespace() && c != '\u{A0}' {
                self.space = true;
            } else {
                self.pay();
                if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push(c);
            }
        }
    }

    /// Write the breaks owed before new text.
    fn pay(&mut self) {
        if self.owed > 0 && !self.out.is_empty() {
            let want = usize::from(self.owed);
            let have = self.out.chars().rev().take_while(|&c| c == '\n').count();
            for _ in have..want {
                self.out.push('\n');
            }
            self.space = false;
        }
        self.owed = 0;
    }

    fn owe(&mut self, level: u8) {
        self.owed = self.owed.max(level);
        self.space = false;
    }

    fn open(&mut self, el: &Element) {
        let name = el.name();
        if PARAGRAPH.contains(&name) {
            self.owe(2);
        } else if LINE.contains(&name) {
            self.owe(1);
        }
        match name {
            "br" => {
                self.pay();
                if !self.out.is_empty() && !self.out.ends_with("\n\n") {
                    self.out.push('\n');
                }
                self.space = false;
            }
            "pre" => self.pre += 1,
            "ul" | "menu" => self.lists.push(None),
            "ol" => {
                let start = el
                    .attr("start")
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(1);
                self.lists.push(Some(start));
            }
            "li" => {
                self.pay();
                let depth = self.lists.len().max(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "\u{2022} ".to_string(),
                };
                self.out.push_str(&"  ".repeat(depth - 1));
                self.out.push_str(&marker);
                self.space = false;
            }
            "tr" => self.cells.push(0),
            "td" | "th" => {
                let before = self.cells.last().copied();
                if let Some(n) = before {
                    if n > 0 {
                        self.pay();
                        self.out.push_str(" | ");
                        self.space = false;
                    }
                    if let Some(n) = self.cells.last_mut() {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, el: &Element) {
        let name = el.name();
        match name {
            "pre" => self.pre = self.pre.saturating_sub(1),
            "ul" | "ol" | "menu" => {
                self.lists.pop();
            }
            "tr" => {
                self.cells.pop();
            }
            _ => {}
        }
        if PARAGRAPH.contains(&name) {
            self.owe(2);
        } else if LINE.contains(&name) {
            self.owe(1);
        }
    }

    fn finish(self) -> String {
        let mut lines: Vec<&str> = Vec::new();
        for line in self.out.split('\n') {
            // A spacer paragraph (`<p>&nbsp;</p>`) shows nothing: it is a blank line.
            let line = if line.trim().is_empty() {
                ""
            } else {
                line.trim_end_matches([' ', '\t'])
            };
            if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
                continue;
            }
            lines.push(line);
        }
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_markup_gives_visible_text_without_runs_of_blank_lines(
            html in "(?s)(<(p|div|br|li|ul|td|tr|table|b|pre)>|</(p|div|li|ul|td|tr|table|b|pre)>|<script>zzz</script>|<style>zzz</style>|[a-y &;>]{0,12}){0,40}"
        ) {
            let page = visible_text(&html);
            prop_assert!(!page.text.contains("\n\n\n"));
            prop_assert!(!page.text.contains("zzz"), "script and style text is never visible");
            prop_assert_eq!(page.text.trim_end(), page.text.as_str());
        }
    }

    #[test]
    fn scripts_styles_and_chrome_are_dropped() {
        let page = visible_text(
            r#"<!DOCTYPE html><html><head><title>  Planning
            Committee - 3 May 2022 </title><style>p { color: red }</style>
            <script>var x = "not this";</script></head><body>
            <header><a href="/">Home</a> Search this site</header>
            <nav><ul><li>Your council</li><li>Bins</li></ul></nav>
            <div id="cookie-banner">We use cookies. <button>Accept</button></div>
            <div class="content"><h1>Minutes</h1><p>The meeting opened at 7pm.</p>
            <noscript>Enable JavaScript</noscript><template><p>hidden</p></template>
            <p hidden>secret</p><p style="display: none">also secret</p></div>
            <footer>Copyright the council</footer></body></html>"#,
        );
        assert_eq!(
            page.title.as_deref(),
            Some("Planning Committee - 3 May 2022")
        );
        assert_eq!(page.text, "Minutes\n\nThe meeting opened at 7pm.");
    }

    #[test]
    fn entities_lists_and_tables() {
        let page = visible_text(
            "<body><p>Budget &pound;2.5m &amp; rising&nbsp;now &#8211; &ldquo;agreed&rdquo;</p>\
             <ul><li>First point</li><li>Second <b>bold</b> point</li></ul>\
             <ol start=\"3\"><li>Third</li><li>Fourth</li></ol>\
             <table><tr><th>Name</th><th>Role</th></tr><tr><td>Cllr Amber Lane</td><td>Chair</td></tr></table>\
             <p>Line one<br>line two<br><br>New paragraph</p></body>",
        );
        let want = "Budget £2.5m & rising\u{A0}now \u{2013} \u{201C}agreed\u{201D}\n\n\
                    \u{2022} First point\n\u{2022} Second bold point\n\n\
                    3. Third\n4. Fourth\n\n\
                    Name | Role\nCllr Amber Lane | Chair\n\n\
                    Line one\nline two\n\nNew paragraph";
        assert_eq!(page.text, want);
    }

    #[test]
    fn main_content_is_preferred_when_it_holds_the_document() {
        let page = visible_text(
            "<body><div>Site menu with links</div><main><article><header><h2>Item 4: Libraries</h2>\
             </header><p>Members discussed opening hours across the county at some length.</p>\
             </article></main><div>Related pages</div></body>",
        );
        assert_eq!(
            page.text,
            "Item 4: Libraries\n\nMembers discussed opening hours across the county at some length."
        );
    }

    #[test]
    fn spacer_paragraphs_are_blank_lines() {
        let page = visible_text("<p>One</p><p>&nbsp;</p><p>&nbsp;</p><p>Two&nbsp;</p>");
        assert_eq!(page.text, "One\n\nTwo\u{A0}");
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        let page = visible_text("<pre>Ayes   7\nNoes   2</pre>");
        assert_eq!(page.text, "Ayes   7\nNoes   2");
    }
}
