//! The entry points hosts call (`Library::heatmap`, `trends`, `compare`, `actions`…) on the
//! fixture library (see `fixture.rs` for what is planted where), stored in a real SQLite file.

use scrutineer_core::analysis::codebook::{CodebookEdit, PatternList};
use scrutineer_core::analysis::{heatmap, trends};
use scrutineer_core::model::*;
use scrutineer_core::store::Library;
use scrutineer_core::Error;

use crate::fixture::{self, date, HARROWFIELD, LINDENSHIRE, PANEL, PORT_CASTELL};

fn scope() -> AnalysisScope {
    AnalysisScope::default()
}

fn councils(names: &[&str]) -> AnalysisScope {
    AnalysisScope {
        councils: names.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

fn cell<'a>(h: &'a Heatmap, theme: &str, council: &str) -> &'a HeatCell {
    h.cells
        .iter()
        .find(|c| c.theme_id == theme && c.council == council)
        .unwrap_or_else(|| panic!("the heatmap has a cell for {theme} in {council}"))
}

#[test]
fn a_theme_planted_in_three_councils_over_two_years_shows_in_every_trend_cell() {
    let (_dir, lib, _) = fixture::library();
    let points = lib
        .trends(
            &AnalysisScope {
                themes: vec!["fostering".into()],
                ..Default::default()
            },
            Period::Year,
        )
        .expect("trends");
    for council in [HARROWFIELD, LINDENSHIRE, PORT_CASTELL] {
        for year in ["2019", "2020"] {
            let p = points
                .iter()
                .find(|p| p.council == council && p.period == year)
                .unwrap_or_else(|| panic!("a fostering point for {council} in {year}"));
            assert_eq!(
                (p.meetings, p.meetings_total),
                (4, 4),
                "fostering is in all four meetings of {council} in {year}"
            );
            assert!(
                p.hits >= 4 && p.share > 0.0,
                "fostering has hits and a share in {council} {year}: {p:?}"
            );
        }
    }
    assert!(
        points.iter().all(|p| p.theme_id == "fostering"),
        "only the theme asked for"
    );
    assert!(
        points.iter().all(|p| !p.period.is_empty()),
        "undated meetings are never placed in a period"
    );
}

#[test]
fn compare_names_each_councils_distinctive_theme_with_its_own_evidence() {
    let (_dir, lib, _) = fixture::library();
    let names: Vec<String> = [HARROWFIELD, LINDENSHIRE, PORT_CASTELL]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let cmp = lib.compare(&names, &scope()).expect("compare");
    assert_eq!(cmp.councils.len(), 3, "one profile per council asked for");
    assert_eq!(
        cmp.councils[0].meetings, 9,
        "Harrowfield: eight panel meetings and the undated parenting panel"
    );
    assert_eq!(
        cmp.councils[0].mean_present,
        Some(5.0),
        "attendance is read"
    );
    for (council, theme) in [
        (HARROWFIELD, "youth-justice"),
        (LINDENSHIRE, "uasc"),
        (PORT_CASTELL, "send"),
    ] {
        let d = cmp
            .distinctive
            .iter()
            .find(|d| d.council == council && d.theme_id == theme)
            .unwrap_or_else(|| panic!("{theme} sets {council} apart: {:?}", cmp.distinctive));
        assert!(d.z_score > 1.96, "{theme} is notable for {council}");
        assert!(!d.evidence.is_empty(), "{theme} comes with evidence");
        assert!(
            d.evidence
                .iter()
                .all(|e| e.council.as_deref() == Some(council) && e.paragraph_id > 0),
            "a distinctive theme's evidence is from its own council"
        );
    }
    let fostering = cmp
        .shared
        .iter()
        .find(|s| s.theme_id == "fostering")
        .expect("fostering is shared by all three");
    assert!(fostering.shares.iter().all(|s| *s > 0.0));
    assert_eq!(
        fostering.evidence.len(),
        3,
        "one citation per council for a shared theme"
    );
    let caseloads = cmp
        .metrics
        .iter()
        .find(|m| m.metric == Metric::CaseloadPerSocialWorker)
        .expect("caseload figures side by side");
    assert!(
        caseloads.values.iter().all(|cell| !cell.is_empty()),
        "every council has caseload figures"
    );
}

#[test]
fn standing_items_are_matched_but_never_counted() {
    let (_dir, lib, ids) = fixture::library();
    let h = lib.heatmap(&scope()).expect("heatmap");
    // Harrowfield: eight fostering paragraphs, the resolution asking for a fostering update,
    // and the undated parenting panel; never the apologies or declarations.
    assert_eq!(cell(&h, "fostering", HARROWFIELD).hits, 10);
    assert_eq!(cell(&h, "fostering", LINDENSHIRE).hits, 8);
    assert_eq!(
        cell(&h, "caseloads", HARROWFIELD).hits,
        8,
        "the previous minutes' mention of caseloads is not counted"
    );
    assert_eq!(
        cell(&h, "fostering", "Unknown council").hits,
        1,
        "a meeting with no council found has its own column"
    );

    let detail = lib.meeting(ids[1]).expect("Lindenshire's first meeting");
    let fostering = detail
        .themes
        .iter()
        .find(|t| t.theme_id == "fostering")
        .expect("the meeting's themes include fostering");
    assert_eq!(fostering.hits, 1, "only the topical fostering paragraph");
    let apologies = detail.paragraph_ids[0];
    let why = lib.explain(apologies).expect("explain");
    assert!(why.standing, "the apologies paragraph is standing business");
    assert!(
        why.themes.iter().any(|t| t.id == "fostering"),
        "it is still matched, so the meeting view can show why"
    );
    let m = &why.matches[0];
    assert!(
        why.evidence.text[m.start..m.end]
            .to_lowercase()
            .starts_with("foster"),
        "the match points at the words that fired: {m:?}"
    );
}

#[test]
fn dashboards_from_aggregates_equal_sums_of_meeting_rows() {
    let (_dir, lib, _) = fixture::library();
    let codebook = lib.codebook().expect("codebook");
    let scopes = [
        scope(),
        councils(&[LINDENSHIRE, "port castell city council"]),
        AnalysisScope {
            from: Some(date(2019, 6, 11)),
            to: Some(date(2020, 9, 10)),
            ..Default::default()
        },
        AnalysisScope {
            from: Some(date(2019, 1, 1)),
            to: Some(date(2019, 12, 31)),
            ..Default::default()
        },
        AnalysisScope {
            from: Some(date(2019, 6, 12)),
            ..Default::default()
        },
        AnalysisScope {
            committee: Some(PANEL.to_lowercase()),
            themes: vec!["fostering".into(), "send".into()],
            ..Default::default()
        },
        councils(&["Unknown council"]),
        councils(&["No Such Council"]),
    ];
    for s in &scopes {
        let (meetings, counts) = lib.theme_rows(s).expect("rows");
        assert_eq!(
            lib.heatmap(s).expect("heatmap"),
            heatmap(&meetings, &counts, &codebook, s),
            "the aggregated heatmap equals the sum of meeting rows for {s:?}"
        );
        for period in [Period::Year, Period::Quarter, Period::Month] {
            assert_eq!(
                lib.trends(s, period).expect("trends"),
                trends(&meetings, &counts, period, s),
                "aggregated {period:?} trends equal the sum of meeting rows for {s:?}"
            );
        }
    }
}

#[test]
fn passages_behind_a_cell_are_the_ones_it_counts() {
    let (_dir, lib, _) = fixture::library();
    let point = lib
        .trends(&scope(), Period::Year)
        .expect("trends")
        .into_iter()
        .find(|p| p.theme_id == "fostering" && p.council == HARROWFIELD && p.period == "2019")
        .expect("a point");
    let passages = lib
        .theme_passages(&ThemePassageQuery {
            theme_id: "fostering".into(),
            council: Some(HARROWFIELD.into()),
            period: Some("2019".into()),
            ..Default::default()
        })
        .expect("passages");
    assert_eq!(
        passages.len() as u32,
        point.hits,
        "every counted passage is listed"
    );
    for p in &passages {
        assert_eq!(p.evidence.council.as_deref(), Some(HARROWFIELD));
        assert!(p
            .evidence
            .date
            .is_some_and(|d| d.format("%Y").to_string() == "2019"));
        assert!(
            !p.matches.is_empty(),
            "each passage shows where the theme fired"
        );
        for m in &p.matches {
            assert!(
                p.evidence.text[m.start..m.end]
                    .to_lowercase()
                    .contains("foster"),
                "matches point into the passage text"
            );
        }
    }
    let lines = lib
        .theme_passage_lines(&ThemePassageQuery {
            theme_id: "fostering".into(),
            council: Some(HARROWFIELD.into()),
            period: Some("2019".into()),
            ..Default::default()
        })
        .expect("passage lines");
    assert_eq!(lines.len(), passages.len(), "one line per passage");
    assert!(lines
        .iter()
        .all(|l| l.keyword.to_lowercase().starts_with("foster")));
    let err = lib
        .theme_passages(&ThemePassageQuery {
            theme_id: "no-such-theme".into(),
            ..Default::default()
        })
        .expect_err("an unknown theme is an error");
    assert_eq!(err.code(), "not_found");
    let err = lib
        .theme_passages(&ThemePassageQuery {
            theme_id: "fostering".into(),
            period: Some("last spring".into()),
            ..Default::default()
        })
        .expect_err("a bad period is refused");
    assert!(err.to_string().contains("2017-Q2"), "{err}");
}

#[test]
fn requests_are_followed_up_overdue_or_open() {
    let (_dir, lib, ids) = fixture::library();
    let today = date(2021, 6, 1);
    let all = lib.actions(&scope(), today, None).expect("actions");
    let find = |needle: &str| {
        all.iter()
            .find(|a| a.text.contains(needle))
            .unwrap_or_else(|| panic!("an action asking for {needle}: {all:?}"))
    };
    let fostering = find("fostering recruitment campaign");
    assert_eq!(fostering.status, ActionStatus::FollowedUp);
    let by = fostering
        .followed_up_by
        .as_ref()
        .expect("the follow-up is cited");
    assert_eq!(
        by.meeting_id, ids[3],
        "Harrowfield's next meeting (June 2019) gave the update"
    );
    assert_eq!(
        by.item_title.as_deref(),
        Some("Fostering Recruitment Campaign Update")
    );
    assert_eq!(fostering.evidence.meeting_id, ids[0]);

    let breaks = find("holiday activities");
    assert_eq!(
        breaks.status,
        ActionStatus::Overdue,
        "the next meeting passed without it"
    );
    let transport = find("SEND transport");
    assert_eq!(
        transport.status,
        ActionStatus::Open,
        "no meeting has been held since"
    );

    let open = lib
        .actions(&scope(), today, Some(ActionStatus::Open))
        .expect("open actions");
    assert!(open.iter().all(|a| a.status == ActionStatus::Open));
    assert!(open.iter().any(|a| a.text.contains("SEND transport")));

    let early = lib
        .actions(
            &AnalysisScope {
                to: Some(date(2019, 12, 31)),
                ..Default::default()
            },
            today,
            None,
        )
        .expect("2019 actions");
    assert_eq!(early.len(), 1, "only the 2019 request is in a 2019 scope");
    assert_eq!(
        early[0].status,
        ActionStatus::FollowedUp,
        "its follow-up is found though the scope ends before it"
    );
}

#[test]
fn meetings_whose_council_was_not_found_are_searched_for_follow_ups_too() {
    let (_dir, lib, _) = fixture::library();
    let ask = fixture::Minutes {
        council: None,
        committee: "Adoption Panel".into(),
        date: Some(date(2021, 1, 12)),
        items: vec![fixture::Item {
            resolutions: vec![
                "That an update on adopter recruitment be brought to the next meeting.".into(),
            ],
            ..fixture::item("Adopter Recruitment", &["Few adopters had come forward."])
        }],
    };
    let answer = fixture::Minutes {
        council: None,
        committee: "Adoption Panel".into(),
        date: Some(date(2021, 3, 9)),
        items: vec![fixture::item(
            "Adopter Recruitment Update",
            &["The update asked for in January was given."],
        )],
    };
    for (n, m) in [(90, ask), (91, answer)] {
        lib.insert_document(&fixture::document(n, &m))
            .expect("stored");
    }
    let actions = lib
        .actions(&councils(&["Unknown council"]), date(2021, 6, 1), None)
        .expect("actions");
    let adopters = actions
        .iter()
        .find(|a| a.text.contains("adopter recruitment"))
        .expect("the request is tracked");
    assert_eq!(
        adopters.status,
        ActionStatus::FollowedUp,
        "the unknown council's next meeting took it up"
    );
}

#[test]
fn kwic_previews_explanations_and_passages_cite_their_sources() {
    let (_dir, lib, _) = fixture::library();
    let lines = lib
        .kwic(
            &KwicTarget::Term("foster*".into()),
            &councils(&[LINDENSHIRE]),
            Some(50),
        )
        .expect("kwic");
    assert!(!lines.is_empty());
    assert!(lines.iter().all(|l| {
        l.evidence.council.as_deref() == Some(LINDENSHIRE)
            && l.keyword.to_lowercase().starts_with("foster")
    }));
    assert!(
        lines.iter().all(|l| !l.evidence.text.contains("Apologies")),
        "standing business is left out of KWIC"
    );
    let limited = lib
        .kwic(&KwicTarget::Term("foster*".into()), &scope(), Some(3))
        .expect("kwic");
    assert_eq!(limited.len(), 3, "the limit holds");
    let theme = lib
        .kwic(&KwicTarget::Theme("youth-justice".into()), &scope(), None)
        .expect("theme kwic");
    assert!(!theme.is_empty());
    assert!(theme
        .iter()
        .all(|l| l.evidence.council.as_deref() == Some(HARROWFIELD)));
    assert_eq!(
        lib.kwic(&KwicTarget::Term("fo*".into()), &scope(), None)
            .expect_err("a bad term is refused")
            .code(),
        "invalid"
    );

    let preview = lib
        .preview_pattern("fostering household*", None)
        .expect("preview");
    assert_eq!(
        (preview.paragraphs, preview.meetings),
        (26, 26),
        "one paragraph in each of the 26 meetings"
    );
    assert!(!preview.capped);
    assert_eq!(preview.examples.len(), 5);
    assert!(preview
        .examples
        .iter()
        .all(|e| e.evidence.council.is_some() || e.evidence.date.is_some()));
    let err = lib
        .preview_pattern("fos*ter", None)
        .expect_err("a bad pattern says why");
    assert!(err.to_string().contains("only end a word"), "{err}");

    let pid = preview.examples[0].evidence.paragraph_id;
    let passage = lib.passage(pid).expect("passage");
    assert_eq!(passage.paragraph_id, pid);
    assert!(passage.item_number.is_some() && passage.item_title.is_some() && passage.page == 1);
    assert_eq!(
        lib.passage(999_999).expect_err("missing").code(),
        "not_found"
    );
}

#[test]
fn exports_carry_citations_and_the_report_runs_no_script() {
    let (_dir, lib, _) = fixture::library();
    let csv = lib
        .export(
            &AnalysisRequest::Figures {
                scope: scope(),
                metric: Some(Metric::CaseloadPerSocialWorker),
            },
            ExportFormat::Csv,
        )
        .expect("csv");
    let mut lines = csv.lines();
    let header = lines.next().expect("a header");
    assert!(header.starts_with("metric,value") && header.ends_with("meeting_id,paragraph_id"));
    assert_eq!(lines.count(), 24, "one row per caseload figure");
    let json = lib
        .export(
            &AnalysisRequest::Heatmap { scope: scope() },
            ExportFormat::Json,
        )
        .expect("json");
    let parsed: Heatmap = serde_json::from_str(&json).expect("the JSON is a heatmap");
    let direct = lib.heatmap(&scope()).expect("heatmap");
    assert_eq!(
        (&parsed.themes, &parsed.councils, parsed.cells.len()),
        (&direct.themes, &direct.councils, direct.cells.len())
    );
    for (a, b) in parsed.cells.iter().zip(&direct.cells) {
        assert_eq!(
            (&a.theme_id, &a.council, a.hits),
            (&b.theme_id, &b.council, b.hits)
        );
        assert!((a.share - b.share).abs() < 1e-12, "shares survive JSON");
    }
    let names = vec![HARROWFIELD.to_string(), PORT_CASTELL.to_string()];
    let html = lib
        .export_comparison_html(&names, &scope(), "Two councils", date(2021, 6, 1))
        .expect("report");
    assert!(!html.contains("<script"), "the report runs no script");
    assert!(html.contains("Harrowfield") && html.contains("Port Castell"));
    assert!(
        html.contains("[meeting ") && html.contains(", paragraph "),
        "numbers are followed by their sources"
    );
    assert_eq!(
        lib.compare(&[], &scope()).expect_err("no councils").code(),
        "invalid"
    );
    let dir = tempfile::tempdir().expect("a temp dir");
    for (format, name) in [
        (ExportFormat::Html, "report.html"),
        (ExportFormat::Csv, "report.csv"),
        (ExportFormat::Json, "report.json"),
    ] {
        let path = dir.path().join(name);
        lib.export_comparison(&names, &scope(), format, &path, date(2021, 6, 1))
            .expect("written");
        let text = std::fs::read_to_string(&path).expect("the file exists");
        assert!(text.contains("Harrowfield"), "{name} names the councils");
    }
    assert_eq!(
        lib.export(
            &AnalysisRequest::Timeline { scope: scope() },
            ExportFormat::Html
        )
        .expect_err("only comparisons have a report")
        .code(),
        "invalid"
    );
}

#[test]
fn codebook_edits_rematch_only_what_changed_and_bad_edits_change_nothing() {
    let (dir, lib, _) = fixture::library();
    let saved = lib
        .edit_codebook(
            &CodebookEdit::AddTheme {
                theme: Theme {
                    id: "holiday-activities".into(),
                    label: "Holiday activities".into(),
                    description: String::new(),
                    group: "Children's services".into(),
                    include: vec!["holiday activit*".into()],
                    exclude: Vec::new(),
                },
            },
            &mut |_| {},
        )
        .expect("add");
    assert_eq!(
        saved.diff.rematch(),
        ["holiday-activities"],
        "only the new theme is matched"
    );
    assert!(
        saved.paragraphs > 0 && saved.hits == 2,
        "the concern and the resolution about holiday activities: {saved:?}"
    );
    let h = lib.heatmap(&scope()).expect("heatmap");
    assert_eq!(cell(&h, "holiday-activities", LINDENSHIRE).hits, 2);

    let renamed = lib
        .edit_codebook(
            &CodebookEdit::RenameTheme {
                id: "holiday-activities".into(),
                label: "Holiday activities programme".into(),
            },
            &mut |_| {},
        )
        .expect("rename");
    assert!(
        renamed.diff.rematch().is_empty() && renamed.paragraphs == 0,
        "a new label re-matches nothing"
    );
    let h = lib.heatmap(&scope()).expect("heatmap");
    assert!(h
        .themes
        .iter()
        .any(|t| t.label == "Holiday activities programme"));

    let before = lib.codebook().expect("codebook");
    let err = lib
        .edit_codebook(
            &CodebookEdit::AddPattern {
                id: "holiday-activities".into(),
                list: PatternList::Include,
                pattern: "br*".into(),
            },
            &mut |_| {},
        )
        .expect_err("a bad pattern is refused");
    assert_eq!(err.code(), "invalid");
    assert_eq!(lib.codebook().expect("codebook"), before, "nothing changed");

    lib.edit_codebook(
        &CodebookEdit::MergeThemes {
            from: "holiday-activities".into(),
            into: "send".into(),
        },
        &mut |_| {},
    )
    .expect("merge");
    let h = lib.heatmap(&scope()).expect("heatmap");
    assert!(
        h.themes.iter().all(|t| t.id != "holiday-activities"),
        "merged away"
    );

    let toml = dir.path().join("codebook.toml");
    lib.export_codebook(&toml).expect("export");
    lib.edit_codebook(
        &CodebookEdit::DeleteTheme {
            id: "fostering".into(),
        },
        &mut |_| {},
    )
    .expect("delete");
    let h = lib.heatmap(&scope()).expect("heatmap");
    assert!(h.cells.iter().all(|c| c.theme_id != "fostering"));
    let back = lib.import_codebook(&toml, &mut |_| {}).expect("import");
    assert_eq!(back.diff.added, ["fostering"], "importing brings it back");
    let h = lib.heatmap(&scope()).expect("heatmap");
    assert_eq!(cell(&h, "fostering", LINDENSHIRE).hits, 8);

    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "name = \"x\"\n[[themes]]\nid = \"a\"\nlabel = \"A\"\ninclde = [\"b\"]\n",
    )
    .expect("write");
    let err = lib
        .import_codebook(&bad, &mut |_| {})
        .expect_err("a typo is refused");
    assert!(err.to_string().contains("inclde"), "{err}");
}

#[test]
fn corrections_and_deletions_move_counts_with_the_meeting() {
    let (_dir, lib, ids) = fixture::library();
    let lindenshire = ids[1];
    lib.correct(
        lindenshire,
        &Correction {
            field: CorrectableField::Council,
            value: Some(PORT_CASTELL.into()),
        },
    )
    .expect("correct");
    let h = lib.heatmap(&scope()).expect("heatmap");
    assert_eq!(cell(&h, "uasc", LINDENSHIRE).meetings_total, 7);
    assert_eq!(cell(&h, "uasc", LINDENSHIRE).hits, 7);
    assert_eq!(cell(&h, "uasc", PORT_CASTELL).hits, 1, "its counts moved");

    lib.correct(
        lindenshire,
        &Correction {
            field: CorrectableField::MeetingDate,
            value: Some("2022-02-02".into()),
        },
    )
    .expect("correct the date");
    let years: Vec<String> = lib
        .trends(&councils(&[PORT_CASTELL]), Period::Year)
        .expect("trends")
        .into_iter()
        .map(|p| p.period)
        .collect();
    assert!(
        years.contains(&"2022".to_string()),
        "the meeting moved to 2022"
    );

    lib.delete(lindenshire).expect("delete");
    let h = lib.heatmap(&scope()).expect("heatmap");
    assert_eq!(
        cell(&h, "uasc", PORT_CASTELL).hits,
        0,
        "its counts left with it"
    );
    assert_eq!(cell(&h, "uasc", PORT_CASTELL).meetings_total, 8);
}

#[test]
fn an_empty_library_answers_every_view() {
    let lib = Library::open_in_memory().expect("in memory");
    let s = scope();
    assert!(lib.heatmap(&s).expect("heatmap").councils.is_empty());
    assert!(lib.trends(&s, Period::Month).expect("trends").is_empty());
    assert!(lib.timeline(&s).expect("timeline").lanes.is_empty());
    assert!(lib
        .actions(&s, date(2024, 1, 1), None)
        .expect("actions")
        .is_empty());
    assert!(lib
        .kwic(&KwicTarget::Term("budget".into()), &s, None)
        .expect("kwic")
        .is_empty());
    assert_eq!(
        lib.preview_pattern("budget*", None)
            .expect("preview")
            .paragraphs,
        0
    );
    assert!(lib.emergent_themes(&s).expect("emergent").is_empty());
    assert!(matches!(lib.explain(1), Err(Error::NotFound(_))));
    assert!(!lib
        .codebook()
        .expect("a new library has the built-in codebook")
        .themes
        .is_empty());
}
