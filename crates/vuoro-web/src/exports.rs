//! Exports of a process: the summary as Markdown, Word (.docx) and PDF (`vuoro-export`), and
//! the notes, themes and practices as CSV and JSON. No export names a participant: notes go out
//! without their writer and without a shown name, so a file passed on names no one.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::processes::{format_date, load};
use crate::routes::Routes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use vuoro_core::themes::Scope;
use vuoro_store::Process;

pub fn router() -> Routes {
    Routes::new()
        .route("/processes/{id}/export/{file}", get(export))
        .route("/processes/{id}/summary.md", get(summary_md))
        .route("/processes/{id}/summary.docx", get(summary_docx))
        .route("/processes/{id}/summary.pdf", get(summary_pdf))
}

/// The process's latest summary as an export document, in the reader's language. Sources are
/// given as counts only: the notes stay inside the platform, where they name no one either.
async fn summary_document(
    state: &AppState,
    c: &Ctx,
    p: &Process,
) -> AppResult<vuoro_export::Document> {
    use vuoro_core::summary::BlockKind;
    let v = state.store.summary(p.id).await?.ok_or(AppError::NotFound)?;
    let mut blocks = Vec::new();
    let shown = crate::summary::shown_texts(&v.summary);
    for (b, text) in v.summary.blocks.iter().zip(shown) {
        blocks.push(match b.kind {
            BlockKind::Heading => vuoro_export::Block::Heading(text),
            BlockKind::Paragraph => vuoro_export::Block::Paragraph(text),
            BlockKind::Quote => vuoro_export::Block::Quote {
                text: b.text.clone(),
                lang: b.lang.clone().unwrap_or_else(|| c.lang_code().to_owned()),
            },
        });
        if b.kind == BlockKind::Paragraph && !b.sources.is_empty() {
            blocks.push(vuoro_export::Block::Sources(c.tn(
                "summary-sources",
                "count",
                b.sources.len() as i64,
            )));
        }
    }
    let orderer = state.store.user(p.orderer).await?.name;
    Ok(vuoro_export::Document {
        lang: c.lang_code().to_owned(),
        title: p.title.clone(),
        subtitle: Some(c.t("summary-title")),
        meta: vec![
            (c.t("summary-export-orderer"), orderer),
            (
                c.t("summary-export-state"),
                c.t(&format!("summary-state-{}", v.state.code())),
            ),
            (c.t("summary-export-date"), format_date(v.created_at.date())),
        ],
        blocks,
    })
}

/// A file name from the process's title: letters and digits, the rest as dashes.
fn file_name(p: &Process, ext: &str) -> String {
    let stem: String = p
        .title
        .chars()
        .map(|ch| if ch.is_alphanumeric() { ch } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    // Header values are ASCII here; a Finnish title keeps its letters as close as it can.
    let ascii: String = stem
        .chars()
        .map(|ch| match ch {
            'ä' | 'å' => 'a',
            'Ä' | 'Å' => 'A',
            'ö' => 'o',
            'Ö' => 'O',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        })
        .collect();
    let ascii = if ascii.is_empty() {
        "kooste".to_owned()
    } else {
        ascii
    };
    format!("{ascii}.{ext}")
}

async fn summary_md(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, _) = load(&state, &c, &id).await?;
    let doc = summary_document(&state, &c, &p).await?;
    Ok(download(
        vuoro_export::markdown(&doc),
        "text/markdown; charset=utf-8",
        &file_name(&p, "md"),
    ))
}

/// Renders a document off the async threads: a PDF takes tens of milliseconds.
pub(crate) async fn render(
    doc: vuoro_export::Document,
    f: fn(&vuoro_export::Document) -> Result<Vec<u8>, vuoro_export::ExportError>,
) -> AppResult<Vec<u8>> {
    tokio::task::spawn_blocking(move || f(&doc))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))
}

async fn summary_docx(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, _) = load(&state, &c, &id).await?;
    let bytes = render(summary_document(&state, &c, &p).await?, vuoro_export::docx).await?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &file_name(&p, "docx"),
    ))
}

async fn summary_pdf(
    State(state): State<AppState>,
    c: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (p, _) = load(&state, &c, &id).await?;
    let bytes = render(summary_document(&state, &c, &p).await?, vuoro_export::pdf).await?;
    Ok(download(bytes, "application/pdf", &file_name(&p, "pdf")))
}

/// One CSV field: quoted, quotes doubled, and a leading `=`, `+`, `-` or `@` defused, so that a
/// spreadsheet never runs a note as a formula.
fn csv_field(s: &str) -> String {
    let defused = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", defused.replace('"', "\"\""))
}

/// A CSV document: a header and rows, CRLF line ends, with a byte-order mark so that
/// spreadsheets read the Finnish letters right.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| csv_field(h)).collect()));
    for r in rows {
        out.push_str(&line(r.iter().map(|c| csv_field(c)).collect()));
    }
    out
}

#[derive(Serialize)]
struct NoteOut {
    id: String,
    session: String,
    phase: u32,
    stage: u32,
    question: String,
    text: String,
    lang: String,
    starred: bool,
    /// The café table's letter or the open-space topic, if the note was written in one.
    group: Option<String>,
    /// The theme of the process-wide themes the note is in, if any.
    theme: Option<String>,
    written: String,
}

#[derive(Serialize)]
struct ThemeOut {
    scope: String,
    version: u32,
    label: String,
    notes: Vec<String>,
    representative: Vec<String>,
}

#[derive(Serialize)]
struct PracticeOut {
    kind: &'static str,
    title: String,
    group: Option<String>,
    owner: Option<String>,
    due: Option<String>,
    status: &'static str,
    recorded: String,
}

async fn notes_out(state: &AppState, p: &Process) -> AppResult<Vec<NoteOut>> {
    let themes = state.store.themes(p.id, Scope::Process).await?;
    let mut out = Vec::new();
    for live in state.store.live_sessions(p.id).await?.into_iter().rev() {
        let topics = state.store.topics(live.id).await?;
        let session = format_date(live.opened_at.date());
        for n in state.store.notes(live.id).await? {
            if n.hidden || n.merged_into.is_some() {
                continue;
            }
            let group = match (n.place, n.topic) {
                (Some(place), _) => {
                    Some(vuoro_core::cafe::table_letter(place.table as usize).to_string())
                }
                (None, Some(t)) => topics
                    .iter()
                    .find(|x| x.id == t)
                    .map(|x| format!("#{} {}", x.number, x.title)),
                _ => None,
            };
            let theme = themes.as_ref().and_then(|v| {
                v.set
                    .theme_of(n.id)
                    .and_then(|id| v.set.theme(id))
                    .map(|t| t.label.clone())
            });
            out.push(NoteOut {
                id: n.id.to_string(),
                session: session.clone(),
                phase: live.phase,
                stage: n.stage + 1,
                question: n.question,
                text: n.text,
                lang: n.lang,
                starred: n.starred,
                group,
                theme,
                written: n
                    .created_at
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

async fn themes_out(state: &AppState, p: &Process) -> AppResult<Vec<ThemeOut>> {
    let mut scopes = vec![Scope::Process];
    scopes.extend(crate::themes::phase_scopes(
        &state.store.live_sessions(p.id).await?,
    ));
    let mut out = Vec::new();
    for s in scopes {
        if let Some(v) = state.store.themes(p.id, s).await? {
            for t in &v.set.themes {
                out.push(ThemeOut {
                    scope: s.code(),
                    version: v.version,
                    label: t.label.clone(),
                    notes: t.notes.iter().map(ToString::to_string).collect(),
                    representative: t.representative.iter().map(ToString::to_string).collect(),
                });
            }
        }
    }
    Ok(out)
}

async fn practices_out(state: &AppState, p: &Process) -> AppResult<Vec<PracticeOut>> {
    Ok(state
        .store
        .practices(p.id)
        .await?
        .into_iter()
        .map(|x| PracticeOut {
            kind: x.kind.code(),
            title: x.title,
            group: x.group,
            owner: x.owner,
            due: x.due.map(|d| d.to_string()),
            status: x.status.code(),
            recorded: x.created_at.date().to_string(),
        })
        .collect())
}

pub(crate) fn download(
    body: impl Into<axum::body::Body>,
    content_type: &'static str,
    name: &str,
) -> Response {
    let mut r = Response::new(body.into());
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

fn json<T: Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string_pretty(value).map_err(|e| AppError::Internal(e.to_string()))
}

async fn export(
    State(state): State<AppState>,
    c: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let (p, _) = load(&state, &c, &id).await?;
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    const CSV: &str = "text/csv; charset=utf-8";
    const JSON: &str = "application/json";
    Ok(match file.as_str() {
        "notes.json" => download(json(&notes_out(&state, &p).await?)?, JSON, &file),
        "notes.csv" => {
            let rows: Vec<Vec<String>> = notes_out(&state, &p)
                .await?
                .into_iter()
                .map(|n| {
                    vec![
                        n.id,
                        n.session,
                        n.phase.to_string(),
                        n.stage.to_string(),
                        n.question,
                        n.text,
                        n.lang,
                        n.starred.to_string(),
                        opt(&n.group),
                        opt(&n.theme),
                        n.written,
                    ]
                })
                .collect();
            let header = [
                "id", "session", "phase", "stage", "question", "text", "lang", "starred", "group",
                "theme", "written",
            ];
            download(csv(&header, &rows), CSV, &file)
        }
        "themes.json" => download(json(&themes_out(&state, &p).await?)?, JSON, &file),
        "themes.csv" => {
            let rows: Vec<Vec<String>> = themes_out(&state, &p)
                .await?
                .into_iter()
                .flat_map(|t| {
                    t.notes
                        .iter()
                        .map(|n| {
                            vec![
                                t.scope.clone(),
                                t.version.to_string(),
                                t.label.clone(),
                                n.clone(),
                                t.representative.contains(n).to_string(),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            let header = ["scope", "version", "theme", "note", "representative"];
            download(csv(&header, &rows), CSV, &file)
        }
        "practices.json" => download(json(&practices_out(&state, &p).await?)?, JSON, &file),
        "practices.csv" => {
            let rows: Vec<Vec<String>> = practices_out(&state, &p)
                .await?
                .into_iter()
                .map(|x| {
                    vec![
                        x.kind.to_owned(),
                        x.title,
                        opt(&x.group),
                        opt(&x.owner),
                        opt(&x.due),
                        x.status.to_owned(),
                        x.recorded,
                    ]
                })
                .collect();
            let header = [
                "kind", "title", "group", "owner", "due", "status", "recorded",
            ];
            download(csv(&header, &rows), CSV, &file)
        }
        _ => return Err(AppError::NotFound),
    }
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let out = csv(
            &["a", "b"],
            &[vec!["=SUM(A1)".into(), "sanoi \"hei\", sitten".into()]],
        );
        assert!(out.starts_with('\u{feff}'));
        assert!(out.ends_with("\r\n"));
        assert!(out.contains("\"'=SUM(A1)\",\"sanoi \"\"hei\"\", sitten\""));
    }
}
