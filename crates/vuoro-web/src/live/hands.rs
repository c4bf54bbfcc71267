//! The turn queue: everyone gets a turn, also online.

use super::*;

pub(super) fn router() -> Routes {
    Routes::new()
        .route("/live/{lid}/hand", post(hand))
        .route("/live/{lid}/hands/{number}/done", post(give_turn))
}

async fn hand(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(lid): Path<String>,
    form: FormData,
) -> Result<Response, Response> {
    let (live, me) = me_in(&state, &headers, &lid).await?;
    let fail = |e: StoreError| AppError::from(e).into_response();
    if !live.open {
        return Err(AppError::Conflict("error-live-closed").into_response());
    }
    let now = OffsetDateTime::now_utc();
    match form.get("do") {
        "raise" => {
            // Someone who came back from another tab may not be recorded as present yet.
            state
                .store
                .attend(live.id, me.id, now)
                .await
                .map_err(fail)?;
            state
                .store
                .raise_hand(live.id, me.id, now)
                .await
                .map_err(fail)?
        }
        "lower" => state
            .store
            .lower_hand(live.id, me.id, now)
            .await
            .map_err(fail)?,
        _ => return Err(AppError::BadRequest("error-malformed-form").into_response()),
    };
    Ok(redirect(&format!("/live/{}#hand", live.id)))
}

/// The facilitator gives the turn to the person with this number: their hand goes down.
async fn give_turn(
    State(state): State<AppState>,
    c: Ctx,
    Path((lid, number)): Path<(String, String)>,
) -> AppResult<Response> {
    let (live, _) = runnable(&state, &c, &lid).await?;
    let number: u32 = number.parse().map_err(|_| AppError::NotFound)?;
    let who = state
        .store
        .participant_by_number(live.id, number)
        .await?
        .ok_or(AppError::NotFound)?;
    state
        .store
        .lower_hand(live.id, who, OffsetDateTime::now_utc())
        .await?;
    Ok(redirect(&format!("/live/{}/run#hands", live.id)))
}
