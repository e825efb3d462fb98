//! Charts as SVG, drawn on the server (no script): horizontal bars for counts and shares, lines for
//! medians over years. Every label is escaped; the SVG goes into the page as it is.

/// Text for SVG: `&`, `<`, `>`, quotes escaped.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

const PALETTE: [&str; 8] = ["#2f6db5", "#b3261e", "#1d7a3a", "#8a5a00", "#6b4fa0", "#00838f", "#c2185b", "#5b6470"];

/// Horizontal bars, one per (label, value), the value printed at the end of the bar.
pub fn bars(id: &str, title: &str, items: &[(String, f64)], format: impl Fn(f64) -> String) -> String {
    let row = 26.0;
    let label_w = 230.0;
    let bar_w = 380.0;
    let h = 34.0 + row * items.len().max(1) as f64;
    let max = items.iter().map(|(_, v)| *v).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
    let mut svg = format!(
        r#"<svg id="{}" class="chart" role="img" aria-label="{}" viewBox="0 0 {} {h}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>{}</title>"#,
        esc(id),
        esc(title),
        label_w + bar_w + 90.0,
        esc(title)
    );
    svg.push_str(&format!(r#"<text x="0" y="16" class="chart-title">{}</text>"#, esc(title)));
    for (i, (label, v)) in items.iter().enumerate() {
        let y = 30.0 + row * i as f64;
        let w = (v / max * bar_w).max(1.0);
        svg.push_str(&format!(
            r#"<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text><rect x="{label_w}" y="{}" width="{w:.1}" height="{}" fill="{}"><title>{}: {}</title></rect><text x="{}" y="{}" class="chart-value">{}</text>"#,
            label_w - 8.0,
            y + 15.0,
            esc(label),
            y + 3.0,
            row - 8.0,
            PALETTE[0],
            esc(label),
            esc(&format(*v)),
            label_w + w + 6.0,
            y + 15.0,
            esc(&format(*v)),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// One line per series over the years, with a legend; points without a value are skipped.
pub fn lines(id: &str, title: &str, years: &[i32], series: &[(String, Vec<Option<f64>>)], unit: &str) -> String {
    let (w, h, left, top, bottom) = (700.0, 300.0, 50.0, 30.0, 40.0);
    let plot_w = w - left - 160.0;
    let plot_h = h - top - bottom;
    let max = series.iter().flat_map(|(_, v)| v.iter().flatten()).copied().fold(0.0, f64::max).max(1.0);
    let x = |i: usize| left + if years.len() > 1 { plot_w * i as f64 / (years.len() - 1) as f64 } else { plot_w / 2.0 };
    let y = |v: f64| top + plot_h - v / max * plot_h;
    let mut svg = format!(
        r#"<svg id="{}" class="chart" role="img" aria-label="{}" viewBox="0 0 {w} {h}" width="100%" xmlns="http://www.w3.org/2000/svg"><title>{}</title><text x="0" y="16" class="chart-title">{}</text>"#,
        esc(id),
        esc(title),
        esc(title),
        esc(title)
    );
    svg.push_str(&format!(
        r##"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#5b6470"/><line x1="{left}" y1="{top}" x2="{left}" y2="{}" stroke="#5b6470"/>"##,
        top + plot_h,
        left + plot_w,
        top + plot_h,
        top + plot_h
    ));
    for frac in [0.0, 0.5, 1.0] {
        svg.push_str(&format!(
            r#"<text x="{}" y="{}" text-anchor="end" class="chart-axis">{:.0}</text>"#,
            left - 6.0,
            y(max * frac) + 4.0,
            max * frac
        ));
    }
    svg.push_str(&format!(r#"<text x="{}" y="{}" class="chart-axis">{}</text>"#, left + 4.0, top - 4.0, esc(unit)));
    for (i, yr) in years.iter().enumerate() {
        svg.push_str(&format!(
            r#"<text x="{}" y="{}" text-anchor="middle" class="chart-axis">{yr}</text>"#,
            x(i),
            top + plot_h + 18.0
        ));
    }
    for (k, (name, values)) in series.iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        let points: Vec<String> =
            values.iter().enumerate().filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v)))).collect();
        if points.len() > 1 {
            svg.push_str(&format!(
                r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
                points.join(" ")
            ));
        }
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                svg.push_str(&format!(
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{colour}"><title>{} {}: {v:.1}</title></circle>"#,
                    x(i),
                    y(*v),
                    esc(name),
                    years[i]
                ));
            }
        }
        let ly = top + 14.0 * k as f64;
        svg.push_str(&format!(
            r#"<rect x="{}" y="{}" width="10" height="10" fill="{colour}"/><text x="{}" y="{}" class="chart-label">{}</text>"#,
            left + plot_w + 20.0,
            ly,
            left + plot_w + 34.0,
            ly + 9.0,
            esc(name)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_bars_scale_to_the_largest() {
        let svg = bars("c", "Requests <by> type", &[("MLA & co".into(), 10.0), ("<script>".into(), 5.0)], |v| {
            format!("{v:.0}")
        });
        assert!(
            svg.contains("Requests &lt;by&gt; type") && svg.contains("MLA &amp; co") && svg.contains("&lt;script&gt;")
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains(r#"width="380.0""#) && svg.contains(r#"width="190.0""#), "{svg}");
    }

    #[test]
    fn lines_skip_missing_points() {
        let svg =
            lines("m", "Median", &[2024, 2025, 2026], &[("RU→AM".into(), vec![Some(10.0), None, Some(20.0)])], "days");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("RU→AM"));
    }
}
