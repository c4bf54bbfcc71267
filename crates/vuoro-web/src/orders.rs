//! Ordering a dialogue process (tilaus).

use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::fields::{Field, Kind, opts};
use crate::form::FormData;
use crate::routes::Routes;
use crate::util::{redirect, unprocessable};
use crate::{AppState, i18n};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use time::OffsetDateTime;
use vuoro_core::lang::ParticipantLang;
use vuoro_core::notices::{CommunityError, CommunityInput};
use vuoro_core::order::{ADVISE_ME, MethodChoice, OrderInput, ParticipantKind};
use vuoro_core::permission::Action;
use vuoro_core::plan::Plan;
use vuoro_core::text::limits;
use vuoro_core::{FieldErrors, Lang, OrgId};
use vuoro_store::NewProcess;

pub fn router() -> Routes {
    Routes::new().route("/orgs/{org}/orders/new", get(form_page).post(submit))
}

#[derive(Template, WebTemplate)]
#[template(path = "order_form.html")]
struct OrderView {
    c: Ctx,
    org_id: OrgId,
    org_name: String,
    fields: Vec<Field>,
    has_errors: bool,
}

fn fields(
    state: &AppState,
    lang: Lang,
    units: &[vuoro_store::Unit],
    i: &OrderInput,
    e: &FieldErrors,
    community: (&CommunityInput, &[CommunityError]),
) -> Vec<Field> {
    let t = |k: &str| i18n::t(lang, k);
    let text = |name: &'static str, kind: Kind, value: &str, max: usize| {
        Field::new(name, t(&format!("order-{}", name.replace('_', "-"))), kind)
            .hint(t(&format!("order-{}-hint", name.replace('_', "-"))))
            .value(value)
            .required()
            .max(max)
            .errors(lang, e)
    };
    let mut out = vec![text("community", Kind::Text, &i.community, limits::NAME)];
    if !units.is_empty() {
        out.push(
            Field::new(
                "unit",
                t("order-unit"),
                Kind::Select(opts(
                    std::iter::once((String::new(), t("order-unit-none")))
                        .chain(units.iter().map(|u| (u.id.to_string(), u.name.clone()))),
                    std::slice::from_ref(&i.unit),
                )),
            )
            .errors(lang, e),
        );
    }
    // A management team or a board is not led by a colleague: the ranking proposes partner
    // organisations' facilitators instead.
    out.push(
        Field::new(
            "needs_outsider",
            t("order-needs-outsider"),
            Kind::Checkboxes(opts(
                [("yes".to_owned(), t("order-needs-outsider-yes"))],
                &[if i.needs_outsider { "yes" } else { "" }.to_owned()],
            )),
        )
        .hint(t("order-needs-outsider-hint")),
    );
    out.extend([
        text("reason", Kind::Textarea, &i.reason, limits::LONG),
        text("outcome", Kind::Textarea, &i.outcome, limits::LONG),
        text("timing", Kind::Text, &i.timing, limits::SHORT),
        text("participant_count", Kind::Number, &i.participant_count, 0),
        Field::new(
            "participant_kinds",
            t("order-participant-kinds"),
            Kind::Checkboxes(opts(
                ParticipantKind::ALL
                    .iter()
                    .map(|k| (k.code().to_owned(), t(&format!("kind-{}", k.code())))),
                &i.participant_kinds,
            )),
        )
        .required()
        .errors(lang, e),
        Field::new(
            "languages",
            t("order-languages"),
            Kind::Checkboxes(opts(
                ParticipantLang::ALL
                    .iter()
                    .map(|l| (l.code().to_owned(), t(&format!("plang-{}", l.code())))),
                &i.languages,
            )),
        )
        .required()
        .errors(lang, e),
        Field::new(
            "format",
            t("order-format"),
            Kind::Radios(opts(
                vuoro_core::method::Format::ALL
                    .iter()
                    .map(|f| (f.code().to_owned(), t(&format!("format-{}", f.code())))),
                std::slice::from_ref(&i.format),
            )),
        )
        .required()
        .errors(lang, e),
        Field::new(
            "method",
            t("order-method"),
            Kind::Radios(opts(
                std::iter::once((ADVISE_ME.to_owned(), t("order-method-advise"))).chain(
                    state
                        .methods
                        .all()
                        .iter()
                        .map(|m| (m.id.clone(), m.name_in(lang).to_owned())),
                ),
                std::slice::from_ref(&i.method),
            )),
        )
        .hint(t("order-method-hint"))
        .required()
        .errors(lang, e),
    ]);
    // Where the summary is mailed for the community; kept apart from the order itself.
    out.extend(crate::notices::community_fields(
        lang,
        community.0,
        community.1,
    ));
    out
}

fn orderable(c: &Ctx, org: &str) -> AppResult<OrgId> {
    let user = c.user()?;
    let id = OrgId::parse(org).map_err(|_| AppError::NotFound)?;
    if user.can(id, Action::CreateOrder) {
        Ok(id)
    } else {
        Err(AppError::Forbidden)
    }
}

async fn form_page(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let id = orderable(&c, &org)?;
    let org = state.store.org(id).await?;
    let units = state.store.units(id).await?;
    let input = OrderInput {
        languages: vec!["fi".into()],
        ..Default::default()
    };
    let fields = fields(
        &state,
        c.lang,
        &units,
        &input,
        &FieldErrors::new(),
        (&CommunityInput::default(), &[]),
    );
    Ok(OrderView {
        c,
        org_id: id,
        org_name: org.name,
        fields,
        has_errors: false,
    }
    .into_response())
}

async fn submit(
    State(state): State<AppState>,
    c: Ctx,
    Path(org): Path<String>,
    form: FormData,
) -> AppResult<Response> {
    let id = orderable(&c, &org)?;
    let user = c.user()?.id;
    let units = state.store.units(id).await?;
    let input = OrderInput {
        community: form.string("community"),
        unit: form.string("unit"),
        reason: form.string("reason"),
        outcome: form.string("outcome"),
        timing: form.string("timing"),
        participant_count: form.string("participant_count"),
        participant_kinds: form.all("participant_kinds"),
        languages: form.all("languages"),
        format: form.string("format"),
        method: form.string("method"),
        needs_outsider: form.get("needs_outsider") == "yes",
    };
    let unit_ids: Vec<_> = units.iter().map(|u| u.id).collect();
    let community_input = crate::notices::community_input(&form);
    let community = community_input.validate();
    match (
        input.validate(&unit_ids, |m| state.methods.get(m).is_some()),
        community,
    ) {
        (Ok(order), Ok(community)) => {
            // The plan starts from the ordered method; "advise me" leaves the choice to the
            // facilitator during the agreement.
            let plan = Plan {
                method: match &order.method {
                    MethodChoice::Method(m) => state.methods.get(m).map(|m| m.adapt()),
                    MethodChoice::AdviseMe => None,
                },
                ..Plan::default()
            };
            let now = OffsetDateTime::now_utc();
            let p = state
                .store
                .create_process(
                    NewProcess {
                        org: id,
                        orderer: user,
                        order,
                        plan,
                        community,
                    },
                    now,
                )
                .await?;
            Ok(redirect(&format!("/processes/{}", p.id)))
        }
        (order, community) => {
            let e = order.err().unwrap_or_default();
            let community_errors = community.err().unwrap_or_default();
            let org = state.store.org(id).await?;
            let fields = fields(
                &state,
                c.lang,
                &units,
                &input,
                &e,
                (&community_input, &community_errors),
            );
            Ok(unprocessable(OrderView {
                c,
                org_id: id,
                org_name: org.name,
                fields,
                has_errors: true,
            }))
        }
    }
}
