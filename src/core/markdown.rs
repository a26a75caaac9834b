//! Exercise Markdown to HTML, safely: raw HTML in a file is shown as text, never interpreted,
//! and links may only use http, https, mailto or relative addresses. Placeholders `{{name}}`
//! are replaced by the learner's instance values first.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

/// Replaces `{{name}}` by its value; unknown names are left as they are (the loader reports them).
pub fn substitute(text: &str, vars: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                match vars.get(name) {
                    Some(value) => out.push_str(value),
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names a text uses, for the loader to check against the engine's variables.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        names.push(after[..end].trim().to_string());
        rest = &after[end + 2..];
    }
    names
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        // A colon before any slash, ? or # means a scheme.
        Some(colon) if !lower[..colon].contains(['/', '?', '#']) => {
            matches!(&lower[..colon], "http" | "https" | "mailto")
        }
        _ => true,
    }
}

pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        // Raw HTML becomes visible text: a file can never inject markup or script.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) if !safe_url(&dest_url) => Event::Start(Tag::Link { link_type, dest_url: CowStr::Borrowed("#"), title, id }),
        Event::Start(Tag::Image { link_type, dest_url, title, id }) if !safe_url(&dest_url) => Event::Start(Tag::Image { link_type, dest_url: CowStr::Borrowed(""), title, id }),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_script_are_shown_as_text() {
        let html = to_html("Hi <script>alert(1)</script> and <img src=x onerror=alert(1)>\n\n<div onclick=\"x\">block</div>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn dangerous_link_schemes_are_neutralised() {
        let html = to_html("[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html,hi) [ok](https://www.ssi.gouv.fr) [rel](../a.md)");
        assert!(!html.to_lowercase().contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("href=\"https://www.ssi.gouv.fr\""));
        assert!(html.contains("href=\"../a.md\""));
    }

    #[test]
    fn markdown_still_renders() {
        let html = to_html("# T\n\n**b** `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<h1>T</h1>"));
        assert!(html.contains("<strong>b</strong>"));
        assert!(html.contains("<code>code</code>"));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn placeholders_are_found_and_substituted() {
        let vars = BTreeMap::from([("key".to_string(), "00ff".to_string())]);
        assert_eq!(substitute("k = {{key}}, {{ key }}, {{iv}}, {{open", &vars), "k = 00ff, 00ff, {{iv}}, {{open");
        assert_eq!(placeholders("a {{key}} b {{ iv }} {{open"), vec!["key", "iv"]);
    }
}
