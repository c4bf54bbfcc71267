//! Each logged-in person's mail settings: which kinds of mail they get (all but those that
//! carry a way in, which are always sent) and the language their mail is written in. Linked
//! from the header of every staff page.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind, opts};
use crate::form::FormData;
use crate::routes::Routes;
use crate::util::redirect;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use time::OffsetDateTime;
use vuoro_core::Lang;
use vuoro_store::MailKind;

/// The page's address, which every message that can be turned off links to.
pub const PATH: &str = "/account/mail";

pub fn router() -> Routes {
    Routes::new().route(PATH, get(page).post(save))
}

#[derive(Template, WebTemplate)]
#[template(path = "mail_prefs.html")]
struct PrefsView {
    c: Ctx,
    saved: bool,
    enabled: bool,
    email: String,
    kinds: Field,
    lang: Field,
}

#[derive(Deserialize, Default)]
struct PrefsQuery {
    saved: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    c: Ctx,
    Query(q): Query<PrefsQuery>,
) -> AppResult<Response> {
    let user = c.user()?;
    let off = state.store.mail_preferences(user.id).await?;
    let lang = state
        .store
        .mail_language(user.id)
        .await?
        .unwrap_or_default();
    let on: Vec<String> = MailKind::ALL
        .into_iter()
        .filter(|k| k.can_turn_off() && !off.contains(k))
        .map(|k| k.as_str().to_owned())
        .collect();
    let kinds = Field::new(
        "on",
        c.t("mail-prefs-kinds"),
        Kind::Checkboxes(opts(
            MailKind::ALL
                .into_iter()
                .filter(|k| k.can_turn_off())
                .map(|k| {
                    (
                        k.as_str().to_owned(),
                        c.t(&format!("mail-kind-{}", k.as_str())),
                    )
                }),
            &on,
        )),
    )
    .hint(c.t("mail-prefs-always"));
    let langs = Field::new(
        "lang",
        c.t("mail-prefs-lang"),
        Kind::Radios(opts(
            Lang::ALL
                .into_iter()
                .map(|l| (l.code().to_owned(), l.autonym().to_owned())),
            &[lang.code().to_owned()],
        )),
    )
    .required();
    Ok(PrefsView {
        saved: q.saved.is_some(),
        enabled: state.mail_enabled(),
        email: user.email.clone(),
        kinds,
        lang: langs,
        c,
    }
    .into_response())
}

async fn save(State(state): State<AppState>, c: Ctx, form: FormData) -> AppResult<Response> {
    let user = c.user()?;
    let lang = Lang::parse(form.get("lang")).ok_or(AppError::BadRequest("error-malformed-form"))?;
    let on = form.all("on");
    let now = OffsetDateTime::now_utc();
    for kind in MailKind::ALL.into_iter().filter(|k| k.can_turn_off()) {
        let wanted = on.iter().any(|v| v == kind.as_str());
        state
            .store
            .set_mail_preference(user.id, kind, wanted, now)
            .await?;
    }
    state.store.set_mail_language(user.id, lang, now).await?;
    Ok(redirect(&format!("{PATH}?saved=1")))
}
