//! The facilitator network's reports (part 9) for coordinators and admins (`ViewNetwork`):
//! dialogues per unit, method, facilitator and month, days from order to first session per
//! method, and feedback per method, for a period (this year unless the filter says otherwise).
//! The page shows each table with a caption and headers; each table is also a CSV download
//! (`/orgs/{org}/network/reports/{table}`) in the form of the summary's CSV exports: UTF-8 with
//! a byte-order mark, comma-separated, every field quoted. The aggregation and the five-answer
//! rule of feedback are `vuoro_core::reports`; the page and the CSV are built from the same
//! rows, so the rule holds in both.

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind};
use crate::practices::today;
use crate::routes::Routes;
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use std::collections::HashMap;
use vuoro_core::permission::Action;
use vuoro_core::process::ProcessState;
use vuoro_core::reports::{self, Gated, Period, ReportProcess};
use vuoro_core::{Lang, OrgId, UserId};
use vuoro_store::{Organisation, ProcessFilter};

pub fn router() -> Routes {
    Routes::new()
        .route("/orgs/{org}/network/reports", get(page))
        .route("/orgs/{org}/network/reports/{table}", get(csv))
}

#[derive(Debug, Default, Deserialize)]
struct PeriodQuery {
    from: Option<String>,
    to: Option<String>,
}

/// The period asked for, and whether the asking was wrong (then this year is shown).
fn period_of(q: &PeriodQuery) -> (Period, bool) {
    let year = Period::year_of(today());
    let parse = |s: &Option<String>| match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(s) => vuoro_core::plan::parse_date(s).map(Some),
    };
    match (parse(&q.from), parse(&q.to)) {
        (Ok(from), Ok(to)) => {
            let p = Period {
                from: from.unwrap_or(year.from),
                to: to.unwrap_or(year.to),
            };
            if p.from > p.to {
                (year, true)
            } else {
                (p, false)
            }
        }
        _ => (year, true),
    }
}

async fn org_of(state: &AppState, c: &Ctx, org: &str) -> AppResult<Organisation> {
    let id = OrgId::parse(org).map_err(|_| AppError::NotFound)?;
    if !c.user()?.can(id, Action::ViewNetwork) {
        return Err(AppError::Forbidden);
    }
    Ok(state.store.org(id).await?)
}

/// One report table, ready for the page and the CSV.
#[derive(Debug)]
pub struct Table {
    /// Its name in the CSV's address and file name.
    pub id: &'static str,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

const TABLES: [&str; 6] = [
    "units",
    "methods",
    "facilitators",
    "months",
    "lead-times",
    "feedback",
];

fn method_name(state: &AppState, lang: Lang, id: &Option<String>) -> String {
    match id {
        Some(id) => state
            .methods
            .get(id)
            .map_or_else(|| id.clone(), |m| m.name_in(lang).to_owned()),
        None => i18n::t(lang, "rep-no-method"),
    }
}

/// Every table of the period.
async fn tables(state: &AppState, lang: Lang, org: OrgId, period: Period) -> AppResult<Vec<Table>> {
    let all = state
        .store
        .processes(&ProcessFilter {
            org: Some(org),
            from: Some(period.from),
            to: Some(period.to),
            ..ProcessFilter::default()
        })
        .await?;
    let mut ps = Vec::new();
    for p in all {
        let cancelled = p.state == ProcessState::Cancelled;
        let in_period = p.first_session.is_some_and(|d| period.contains(d));
        // Feedback is read only for what the period counts.
        let responses = if !cancelled && in_period {
            state
                .store
                .process_feedback(p.id)
                .await?
                .into_iter()
                .flat_map(|s| s.responses)
                .collect()
        } else {
            Vec::new()
        };
        ps.push(ReportProcess {
            unit: p.unit,
            method: p.method_id.clone(),
            facilitator: p.facilitator,
            ordered: p.created_at.date(),
            first_session: p.first_session,
            cancelled,
            responses,
        });
    }
    let inp = reports::in_period(&ps, period);
    let units: HashMap<_, _> = state
        .store
        .units(org)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let ids: Vec<UserId> = inp.iter().filter_map(|p| p.facilitator).collect();
    let users = state.store.users(&ids).await?;
    let t = |k: &str| i18n::t(lang, k);
    let n = |v: u32| v.to_string();
    let count_col = t("rep-col-dialogues");
    let mut out = Vec::new();
    out.push(Table {
        id: "units",
        caption: t("rep-per-unit"),
        headers: vec![t("col-unit"), count_col.clone()],
        rows: reports::per_unit(&inp)
            .into_iter()
            .map(|(u, c)| {
                let name = u
                    .and_then(|u| units.get(&u).cloned())
                    .unwrap_or_else(|| t("net-no-unit"));
                vec![name, n(c)]
            })
            .collect(),
    });
    out.push(Table {
        id: "methods",
        caption: t("rep-per-method"),
        headers: vec![t("col-method"), count_col.clone()],
        rows: reports::per_method(&inp)
            .into_iter()
            .map(|(m, c)| vec![method_name(state, lang, &m), n(c)])
            .collect(),
    });
    out.push(Table {
        id: "facilitators",
        caption: t("rep-per-facilitator"),
        headers: vec![t("col-facilitator"), count_col.clone()],
        rows: reports::per_facilitator(&inp)
            .into_iter()
            .map(|(u, c)| {
                let name = u
                    .and_then(|u| users.get(&u).map(|x| x.name.clone()))
                    .unwrap_or_else(|| t("rep-no-facilitator"));
                vec![name, n(c)]
            })
            .collect(),
    });
    out.push(Table {
        id: "months",
        caption: t("rep-per-month"),
        headers: vec![t("rep-col-month"), count_col],
        rows: reports::per_month(&inp, period)
            .into_iter()
            .map(|(y, m, c)| vec![format!("{y}-{m:02}"), n(c)])
            .collect(),
    });
    out.push(Table {
        id: "lead-times",
        caption: t("rep-lead-title"),
        headers: vec![
            t("col-method"),
            t("rep-col-dialogues"),
            t("rep-col-median"),
            t("rep-col-shortest"),
            t("rep-col-longest"),
        ],
        rows: reports::lead_times(&inp)
            .into_iter()
            .map(|l| {
                vec![
                    method_name(state, lang, &l.method),
                    n(l.processes),
                    i18n::decimal1(lang, l.median),
                    l.min.to_string(),
                    l.max.to_string(),
                ]
            })
            .collect(),
    });
    out.push(Table {
        id: "feedback",
        caption: t("rep-feedback-title"),
        headers: vec![t("col-method"), t("rep-col-responses"), t("rep-col-mean")],
        rows: reports::feedback_per_method(&inp)
            .into_iter()
            .map(|f| {
                let name = method_name(state, lang, &f.method);
                match f.figures {
                    Gated::Fewer => vec![name, t("rep-fewer"), t("rep-fewer")],
                    Gated::Shown(x) => vec![
                        name,
                        n(x.responses),
                        x.mean
                            .map_or_else(|| t("rep-no-ratings"), |m| i18n::decimal1(lang, m)),
                    ],
                }
            })
            .collect(),
    });
    Ok(out)
}

#[derive(Template, WebTemplate)]
#[template(path = "network_reports.html")]
struct ReportsPage {
    c: Ctx,
    org: Organisation,
    filters: Vec<Field>,
    filter_error: bool,
    period: String,
    /// The period as the CSV links repeat it.
    query: String,
    tables: Vec<Table>,
}

fn iso(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let org = org_of(&state, &c, &org).await?;
    let (period, filter_error) = period_of(&q);
    let tables = tables(&state, c.lang, org.id, period).await?;
    let filters = vec![
        Field::new("from", c.t("filter-from"), Kind::Date).value(iso(period.from)),
        Field::new("to", c.t("filter-to"), Kind::Date).value(iso(period.to)),
    ];
    Ok(ReportsPage {
        filters,
        filter_error,
        period: format!(
            "{}–{}",
            crate::processes::format_date(period.from),
            crate::processes::format_date(period.to)
        ),
        query: format!("from={}&to={}", iso(period.from), iso(period.to)),
        tables,
        org,
        c,
    }
    .into_response())
}

async fn csv(
    State(state): State<AppState>,
    c: Ctx,
    Path((org, table)): Path<(String, String)>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let org = org_of(&state, &c, &org).await?;
    let id = table.strip_suffix(".csv").unwrap_or(&table);
    if !TABLES.contains(&id) {
        return Err(AppError::NotFound);
    }
    let (period, _) = period_of(&q);
    let t = tables(&state, c.lang, org.id, period)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(AppError::NotFound)?;
    let headers: Vec<&str> = t.headers.iter().map(String::as_str).collect();
    let body = crate::exports::csv(&headers, &t.rows);
    let name = format!("vuoro-{id}-{}-{}.csv", iso(period.from), iso(period.to));
    let mut res = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_or_reversed_period_falls_back_to_this_year() {
        let year = Period::year_of(today());
        assert_eq!(period_of(&PeriodQuery::default()), (year, false));
        let q = |f: &str, t: &str| PeriodQuery {
            from: Some(f.into()),
            to: Some(t.into()),
        };
        assert_eq!(period_of(&q("x", "")), (year, true));
        assert_eq!(period_of(&q("2026-05-01", "2026-04-01")), (year, true));
        let (p, bad) = period_of(&q("2025-01-01", "2026-06-30"));
        assert!(!bad);
        assert_eq!(
            (iso(p.from), iso(p.to)),
            ("2025-01-01".into(), "2026-06-30".into())
        );
    }
}
