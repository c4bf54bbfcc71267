//! Organisations, users, roles, invitations and log-in sessions on PostgreSQL.

use super::*;
use vuoro_store::ConfirmLink;

async fn insert_user(conn: &mut PgConnection, u: &User) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, email, name, password_hash, site_admin, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(u.id.to_string())
    .bind(&u.email)
    .bind(&u.name)
    .bind(&u.password_hash)
    .bind(u.site_admin)
    .bind(timestamp(u.created_at)?)
    .execute(conn)
    .await
    .map_err(db_unique("email"))?;
    Ok(())
}

async fn user_by_email(conn: &mut PgConnection, email: &str) -> Result<Option<User>> {
    let row: Option<UserRow> = sqlx::query_as(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users u WHERE u.email = $1"
    ))
    .bind(normalise_email(email))
    .fetch_optional(conn)
    .await
    .map_err(db)?;
    row.map(UserRow::into_user).transpose()
}

async fn invitation_roles(conn: &mut PgConnection, token_hash: &str) -> Result<RoleSet> {
    let codes: Vec<String> =
        sqlx::query_scalar("SELECT role FROM invitation_roles WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_all(conn)
            .await
            .map_err(db)?;
    role_set(codes.iter().map(String::as_str))
}

async fn fetch_invitation(conn: &mut PgConnection, token_hash: &str) -> Result<Invitation> {
    let row: InvitationRow = sqlx::query_as(
        "SELECT token_hash, org_id, email, invited_by, created_at, expires_at, accepted_at \
         FROM invitations WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db)?
    .ok_or(StoreError::NotFound)?;
    let roles = invitation_roles(conn, token_hash).await?;
    row.into_invitation(roles)
}

pub(crate) async fn current_roles(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
) -> Result<RoleSet> {
    let codes: Vec<String> =
        sqlx::query_scalar("SELECT role FROM org_roles WHERE org_id = $1 AND user_id = $2")
            .bind(org.to_string())
            .bind(user.to_string())
            .fetch_all(conn)
            .await
            .map_err(db)?;
    role_set(codes.iter().map(String::as_str))
}

pub(crate) async fn write_roles(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    roles: RoleSet,
) -> Result<()> {
    sqlx::query("DELETE FROM org_roles WHERE org_id = $1 AND user_id = $2")
        .bind(org.to_string())
        .bind(user.to_string())
        .execute(&mut *conn)
        .await
        .map_err(db)?;
    for role in roles.roles() {
        sqlx::query("INSERT INTO org_roles (org_id, user_id, role) VALUES ($1, $2, $3)")
            .bind(org.to_string())
            .bind(user.to_string())
            .bind(role.code())
            .execute(&mut *conn)
            .await
            .map_err(db)?;
    }
    Ok(())
}

/// The organisation whose invitation made the account, while its address is unconfirmed.
pub(crate) async fn origin_of(conn: &mut PgConnection, user: UserId) -> Result<Option<OrgId>> {
    let row: Option<Option<String>> =
        sqlx::query_scalar("SELECT origin_org FROM users WHERE id = $1")
            .bind(user.to_string())
            .fetch_optional(conn)
            .await
            .map_err(db)?;
    row.ok_or(StoreError::NotFound)?
        .map(|o| parse_id(&o, "users"))
        .transpose()
}

/// Refuses roles in `org` for an account whose unconfirmed address came from another one.
pub(crate) async fn check_origin(conn: &mut PgConnection, org: OrgId, user: UserId) -> Result<()> {
    match origin_of(conn, user).await? {
        Some(origin) if origin != org => Err(StoreError::Conflict(ADDRESS_UNCONFIRMED)),
        _ => Ok(()),
    }
}

fn role_codes(r: RoleSet) -> String {
    r.roles().map(|r| r.code()).collect::<Vec<_>>().join(",")
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_role_change(
    conn: &mut PgConnection,
    org: OrgId,
    user: UserId,
    actor: UserId,
    before: RoleSet,
    after: RoleSet,
    via: RoleChangeVia,
    now: OffsetDateTime,
) -> Result<()> {
    if before == after {
        return Ok(());
    }
    let actor_is_site_admin: bool =
        sqlx::query_scalar("SELECT site_admin FROM users WHERE id = $1")
            .bind(actor.to_string())
            .fetch_optional(&mut *conn)
            .await
            .map_err(db)?
            .ok_or(StoreError::NotFound)?;
    sqlx::query(
        "INSERT INTO role_changes \
         (org_id, user_id, actor_id, roles_before, roles_after, via, self_grant, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(org.to_string())
    .bind(user.to_string())
    .bind(actor.to_string())
    .bind(role_codes(before))
    .bind(role_codes(after))
    .bind(via.code())
    // Roles a sign-on brings come from the provider's groups, not from the person.
    .bind(actor == user && actor_is_site_admin && via != RoleChangeVia::SignOn)
    .bind(timestamp(now)?)
    .execute(conn)
    .await
    .map_err(db)?;
    Ok(())
}

/// Locks a user's row until the transaction ends, before its roles are read or rewritten, so
/// role changes of one user run one after another as on SQLite. A missing user is left for
/// the writes to refuse as SQLite does (through the foreign key). `NO KEY UPDATE` holds up
/// only the other role writers, not rows that merely refer to the user.
pub(crate) async fn lock_user(conn: &mut PgConnection, user: UserId) -> Result<()> {
    sqlx::query("SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE")
        .bind(user.to_string())
        .execute(conn)
        .await
        .map_err(db)?;
    Ok(())
}

#[async_trait]
impl AccountStore for PgStore {
    async fn create_org(&self, name: &str, at: OffsetDateTime) -> Result<Organisation> {
        let org = Organisation {
            id: OrgId::new(),
            name: name.to_owned(),
            created_at: at,
        };
        sqlx::query("INSERT INTO organisations (id, name, created_at) VALUES ($1, $2, $3)")
            .bind(org.id.to_string())
            .bind(&org.name)
            .bind(timestamp(org.created_at)?)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(org)
    }

    async fn org(&self, id: OrgId) -> Result<Organisation> {
        let row: Option<OrgRow> =
            sqlx::query_as("SELECT id, name, created_at FROM organisations WHERE id = $1")
                .bind(id.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_org()
    }

    async fn orgs(&self) -> Result<Vec<Organisation>> {
        let rows: Vec<OrgRow> = sqlx::query_as(
            "SELECT id, name, created_at FROM organisations ORDER BY lower(name), name, id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(OrgRow::into_org).collect()
    }

    async fn create_unit(&self, org: OrgId, name: &str) -> Result<Unit> {
        let unit = Unit {
            id: UnitId::new(),
            org,
            name: name.to_owned(),
        };
        sqlx::query("INSERT INTO units (id, org_id, name) VALUES ($1, $2, $3)")
            .bind(unit.id.to_string())
            .bind(org.to_string())
            .bind(&unit.name)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(unit)
    }

    async fn units(&self, org: OrgId) -> Result<Vec<Unit>> {
        let rows: Vec<UnitRow> = sqlx::query_as(
            "SELECT id, org_id, name FROM units WHERE org_id = $1 \
             ORDER BY lower(name), name, id",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter().map(UnitRow::into_unit).collect()
    }

    async fn create_user(&self, u: NewUser, at: OffsetDateTime) -> Result<User> {
        let user = User {
            id: UserId::new(),
            email: normalise_email(&u.email),
            name: u.name,
            password_hash: u.password_hash,
            site_admin: u.site_admin,
            created_at: at,
        };
        let mut conn = self.pool.acquire().await.map_err(db)?;
        insert_user(&mut conn, &user).await?;
        Ok(user)
    }

    async fn user(&self, id: UserId) -> Result<User> {
        let row: Option<UserRow> = sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u WHERE u.id = $1"
        ))
        .bind(id.to_string())
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        row.ok_or(StoreError::NotFound)?.into_user()
    }

    async fn users(&self, ids: &[UserId]) -> Result<HashMap<UserId, User>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<UserRow> = sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users u WHERE u.id = ANY($1)"
        ))
        .bind(id_array(ids))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.into_iter()
            .map(|r| r.into_user().map(|u| (u.id, u)))
            .collect()
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        user_by_email(&mut conn, email).await
    }

    async fn user_count(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
            .fetch_one(&self.pool)
            .await
            .map_err(db)?;
        u64::try_from(n).map_err(|_| StoreError::Corrupt("negative user count".into()))
    }

    async fn set_roles(&self, org: OrgId, user: UserId, roles: RoleSet) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // Writing roles deletes the old rows and inserts the new ones: without the lock, two
        // writers would each delete only what they saw and insert their own set on top of the
        // other's (or collide on a row both insert).
        lock_user(&mut tx, user).await?;
        write_roles(&mut tx, org, user, roles).await?;
        tx.commit().await.map_err(db)
    }

    async fn change_roles(
        &self,
        org: OrgId,
        user: UserId,
        roles: RoleSet,
        actor: UserId,
        via: RoleChangeVia,
        now: OffsetDateTime,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        // The origin checked and the roles recorded as "before" must still hold when the new
        // roles are written (see `set_roles`; `confirm_address` also writes the user's row).
        lock_user(&mut tx, user).await?;
        check_origin(&mut tx, org, user).await?;
        let before = current_roles(&mut tx, org, user).await?;
        write_roles(&mut tx, org, user, roles).await?;
        record_role_change(&mut tx, org, user, actor, before, roles, via, now).await?;
        tx.commit().await.map_err(db)
    }

    async fn role_changes(&self, org: OrgId, limit: u32) -> Result<Vec<RoleChange>> {
        type Row = (
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            bool,
            String,
        );
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT c.user_id, u.name, u.email, c.actor_id, a.name, c.roles_before, \
             c.roles_after, c.via, c.self_grant, c.at \
             FROM role_changes c JOIN users u ON u.id = c.user_id \
             JOIN users a ON a.id = c.actor_id \
             WHERE c.org_id = $1 ORDER BY c.id DESC LIMIT $2",
        )
        .bind(org.to_string())
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let set = |codes: &str| role_set(codes.split(',').filter(|c| !c.is_empty()));
        rows.into_iter()
            .map(
                |(
                    user,
                    user_name,
                    user_email,
                    actor,
                    actor_name,
                    before,
                    after,
                    via,
                    self_grant,
                    at,
                )| {
                    Ok(RoleChange {
                        org,
                        user: parse_id(&user, "role_changes")?,
                        user_name,
                        user_email,
                        actor: parse_id(&actor, "role_changes")?,
                        actor_name,
                        before: set(&before)?,
                        after: set(&after)?,
                        via: RoleChangeVia::parse(&via)
                            .ok_or_else(|| StoreError::Corrupt("unknown role change".into()))?,
                        self_grant,
                        at: parse_timestamp(&at, "role_changes")?,
                    })
                },
            )
            .collect()
    }

    async fn unconfirmed_origin(&self, user: UserId) -> Result<Option<OrgId>> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        origin_of(&mut conn, user).await
    }

    async fn unconfirmed_origins(&self, users: &[UserId]) -> Result<HashMap<UserId, OrgId>> {
        if users.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT id, origin_org FROM users WHERE id = ANY($1) AND origin_org IS NOT NULL",
        )
        .bind(id_array(users))
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        rows.iter()
            .map(|(u, o)| Ok((parse_id(u, "users")?, parse_id(o, "users")?)))
            .collect()
    }

    async fn confirm_address(&self, user: UserId, by: UserId, now: OffsetDateTime) -> Result<()> {
        let done = sqlx::query(
            "UPDATE users SET origin_org = NULL, confirmed_by = $1, confirmed_at = $2 \
             WHERE id = $3 AND origin_org IS NOT NULL",
        )
        .bind(by.to_string())
        .bind(timestamp(now)?)
        .bind(user.to_string())
        .execute(&self.pool)
        .await
        .map_err(db)?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn roles(&self, org: OrgId, user: UserId) -> Result<RoleSet> {
        let codes: Vec<String> =
            sqlx::query_scalar("SELECT role FROM org_roles WHERE org_id = $1 AND user_id = $2")
                .bind(org.to_string())
                .bind(user.to_string())
                .fetch_all(&self.pool)
                .await
                .map_err(db)?;
        role_set(codes.iter().map(String::as_str))
    }

    async fn memberships(&self, user: UserId) -> Result<Vec<(Organisation, RoleSet)>> {
        let rows: Vec<MembershipRow> = sqlx::query_as(
            "SELECT o.id, o.name, o.created_at, r.role \
             FROM org_roles r JOIN organisations o ON o.id = r.org_id \
             WHERE r.user_id = $1 \
             ORDER BY lower(o.name), o.name, o.id",
        )
        .bind(user.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        // Rows come sorted, so the roles of one organisation are adjacent.
        let mut out: Vec<(Organisation, RoleSet)> = Vec::new();
        for row in rows {
            let role = parse_role(&row.role)?;
            match out.last_mut() {
                Some((org, roles)) if org.id.to_string() == row.org.id => {
                    *roles = roles.with(role);
                }
                _ => out.push((row.org.into_org()?, RoleSet::empty().with(role))),
            }
        }
        Ok(out)
    }

    async fn members(&self, org: OrgId) -> Result<Vec<Member>> {
        let rows: Vec<MemberRow> = sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            ", r.role FROM org_roles r JOIN users u ON u.id = r.user_id \
             WHERE r.org_id = $1 \
             ORDER BY lower(u.name), u.name, u.id"
        ))
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let mut out: Vec<Member> = Vec::new();
        for row in rows {
            let role = parse_role(&row.role)?;
            match out.last_mut() {
                Some(m) if m.user.id.to_string() == row.user.id => m.roles = m.roles.with(role),
                _ => out.push(Member {
                    user: row.user.into_user()?,
                    roles: RoleSet::empty().with(role),
                }),
            }
        }
        Ok(out)
    }

    async fn create_invitation(
        &self,
        inv: &Invitation,
        outbox: &[vuoro_store::mail::NewMail],
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO invitations \
             (token_hash, org_id, email, invited_by, created_at, expires_at, accepted_at, \
             mailed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&inv.token_hash)
        .bind(inv.org.to_string())
        .bind(normalise_email(&inv.email))
        .bind(inv.invited_by.to_string())
        .bind(timestamp(inv.created_at)?)
        .bind(timestamp(inv.expires_at)?)
        .bind(inv.accepted_at.map(timestamp).transpose()?)
        .bind(!outbox.is_empty())
        .execute(&mut *tx)
        .await
        .map_err(db_unique("invitation"))?;
        for role in inv.roles.roles() {
            sqlx::query("INSERT INTO invitation_roles (token_hash, role) VALUES ($1, $2)")
                .bind(&inv.token_hash)
                .bind(role.code())
                .execute(&mut *tx)
                .await
                .map_err(db)?;
        }
        crate::mail::insert_mails(&mut tx, outbox, inv.created_at).await?;
        tx.commit().await.map_err(db)
    }

    async fn invitation(&self, token_hash: &str) -> Result<Invitation> {
        let mut conn = self.pool.acquire().await.map_err(db)?;
        fetch_invitation(&mut conn, token_hash).await
    }

    async fn invitations(&self, org: OrgId) -> Result<Vec<Invitation>> {
        let rows: Vec<InvitationRow> = sqlx::query_as(
            "SELECT token_hash, org_id, email, invited_by, created_at, expires_at, accepted_at \
             FROM invitations WHERE org_id = $1 ORDER BY created_at DESC, token_hash",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let role_rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT r.token_hash, r.role FROM invitation_roles r \
             JOIN invitations i ON i.token_hash = r.token_hash WHERE i.org_id = $1",
        )
        .bind(org.to_string())
        .fetch_all(&self.pool)
        .await
        .map_err(db)?;
        let mut roles: HashMap<String, RoleSet> = HashMap::new();
        for (token, code) in role_rows {
            let role = parse_role(&code)?;
            let set = roles.entry(token).or_default();
            *set = set.with(role);
        }
        rows.into_iter()
            .map(|row| {
                let r = roles.get(&row.token_hash).copied().unwrap_or_default();
                row.into_invitation(r)
            })
            .collect()
    }

    async fn accept_invitation_confirming(
        &self,
        token_hash: &str,
        acceptor: Acceptor,
        confirm: Option<ConfirmLink>,
        now: OffsetDateTime,
    ) -> Result<User> {
        let mut tx = self.begin_write().await?;
        // Of two acceptances of one invitation at once, the second must find it accepted (as
        // it would after SQLite's write lock) rather than race the first to create the account.
        sqlx::query("SELECT 1 FROM invitations WHERE token_hash = $1 FOR NO KEY UPDATE")
            .bind(token_hash)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        let inv = fetch_invitation(&mut tx, token_hash).await?;
        if inv.accepted_at.is_some() {
            return Err(StoreError::Conflict("invitation already accepted"));
        }
        if inv.expires_at <= now {
            return Err(StoreError::NotFound);
        }
        let account = match (user_by_email(&mut tx, &inv.email).await?, acceptor) {
            // The person already has an account, perhaps from another organisation: they keep
            // it and its password, and gain the roles only by accepting while logged in as it,
            // since the link itself may have been seen by others (the admin who invited).
            (Some(existing), Acceptor::Account(id)) if existing.id == id => {
                // Roles are read and rewritten below (see `set_roles`). Lock order: the
                // invitation, then the user.
                lock_user(&mut tx, existing.id).await?;
                check_origin(&mut tx, inv.org, existing.id).await?;
                existing
            }
            (Some(_), _) => return Err(StoreError::Conflict("invitation is for another account")),
            (None, Acceptor::New(user)) => {
                // The invitation was sent to this address, so the account gets that address
                // whatever the form said; and an invitation grants roles in one organisation,
                // never site administration.
                let created = User {
                    id: UserId::new(),
                    email: inv.email.clone(),
                    name: user.name,
                    password_hash: user.password_hash,
                    site_admin: false,
                    created_at: now,
                };
                // Another invitation to the same address, accepted at the same moment, may
                // have created the account since the look-up above: SQLite's writer would
                // have found it there, so the answer is the same.
                insert_user(&mut tx, &created).await.map_err(|e| match e {
                    StoreError::Duplicate(_) => {
                        StoreError::Conflict("invitation is for another account")
                    }
                    other => other,
                })?;
                let mailed: bool =
                    sqlx::query_scalar("SELECT mailed FROM invitations WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db)?;
                if mailed {
                    // The link went only to the address, so whoever made the account with it
                    // reads that mailbox: the address is confirmed (by e-mail, so by nobody).
                    sqlx::query("UPDATE users SET confirmed_at = $1 WHERE id = $2")
                        .bind(timestamp(now)?)
                        .bind(created.id.to_string())
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                } else {
                    // Whoever held the link may have chosen the password: the address stays
                    // unconfirmed, and only this organisation may give the account roles.
                    sqlx::query("UPDATE users SET origin_org = $1 WHERE id = $2")
                        .bind(inv.org.to_string())
                        .bind(created.id.to_string())
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    if let Some(link) = confirm {
                        crate::account_tokens::insert_token(
                            &mut tx,
                            &vuoro_store::AccountToken {
                                token_hash: link.token_hash,
                                user: created.id,
                                purpose: vuoro_store::TokenPurpose::AddressConfirmation,
                                created_at: now,
                                expires_at: link.expires_at,
                                used_at: None,
                            },
                        )
                        .await?;
                        let mail = vuoro_store::mail::NewMail {
                            user: Some(created.id),
                            ..link.mail
                        };
                        crate::mail::insert_mails(&mut tx, std::slice::from_ref(&mail), now)
                            .await?;
                    }
                }
                created
            }
            (None, Acceptor::Account(_)) => {
                return Err(StoreError::Conflict("invitation is for a new account"));
            }
        };
        let before = current_roles(&mut tx, inv.org, account.id).await?;
        let after = inv.roles.roles().fold(before, RoleSet::with);
        write_roles(&mut tx, inv.org, account.id, after).await?;
        record_role_change(
            &mut tx,
            inv.org,
            account.id,
            inv.invited_by,
            before,
            after,
            RoleChangeVia::Invitation,
            now,
        )
        .await?;
        let marked = sqlx::query(
            "UPDATE invitations SET accepted_at = $1 WHERE token_hash = $2 AND accepted_at IS NULL",
        )
        .bind(timestamp(now)?)
        .bind(token_hash)
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        if marked.rows_affected() != 1 {
            return Err(StoreError::Conflict("invitation already accepted"));
        }
        tx.commit().await.map_err(db)?;
        Ok(account)
    }

    async fn create_login(&self, s: &LoginSession) -> Result<()> {
        sqlx::query(
            "INSERT INTO login_sessions (token_hash, user_id, created_at, expires_at, via) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&s.token_hash)
        .bind(s.user.to_string())
        .bind(timestamp(s.created_at)?)
        .bind(timestamp(s.expires_at)?)
        .bind(s.via.code())
        .execute(&self.pool)
        .await
        .map_err(db_unique("login session"))?;
        // Sweeping expired sessions whenever someone logs in keeps the table small without a
        // background task.
        sqlx::query("DELETE FROM login_sessions WHERE expires_at <= $1")
            .bind(timestamp(s.created_at)?)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(())
    }

    async fn login(
        &self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<(LoginSession, User)>> {
        let row: Option<LoginRow> = sqlx::query_as(concat!(
            "SELECT s.token_hash, s.created_at AS session_created_at, s.expires_at, s.via, ",
            user_columns!(),
            " FROM login_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await
        .map_err(db)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let (session, user) = row.into_login()?;
        if session.expires_at <= now {
            return Ok(None);
        }
        Ok(Some((session, user)))
    }

    async fn delete_login(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await
            .map_err(db)?;
        Ok(())
    }
}
