//! The method library. Methods are data: each is a TOML file under `methods/` in the repository,
//! compiled into the binary so that a fresh machine has them, and checked here when loaded. A
//! process carries its own adapted copy, so editing a method file never changes a running
//! process.

use crate::lang::{Lang, Localized};
use serde::{Deserialize, Serialize};

/// How a group works during one stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupFormat {
    /// Everyone in one circle.
    Circle,
    Pairs,
    /// Small groups at tables, as in a learning café.
    Tables,
    OpenSpace,
    /// Each person alone, quietly.
    Solo,
}

impl GroupFormat {
    pub fn code(self) -> &'static str {
        match self {
            GroupFormat::Circle => "circle",
            GroupFormat::Pairs => "pairs",
            GroupFormat::Tables => "tables",
            GroupFormat::OpenSpace => "open_space",
            GroupFormat::Solo => "solo",
        }
    }
}

/// Where the people meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    FaceToFace,
    Online,
    Hybrid,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::FaceToFace, Format::Online, Format::Hybrid];
    pub fn code(self) -> &'static str {
        match self {
            Format::FaceToFace => "face_to_face",
            Format::Online => "online",
            Format::Hybrid => "hybrid",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == s)
    }
}

/// Roles a session of the method needs besides the participants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionRole {
    Facilitator,
    NoteTaker,
    TableHost,
}

impl SessionRole {
    pub fn code(self) -> &'static str {
        match self {
            SessionRole::Facilitator => "facilitator",
            SessionRole::NoteTaker => "note_taker",
            SessionRole::TableHost => "table_host",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub name: Localized,
    pub purpose: Localized,
    /// Default length in minutes.
    pub duration_min: u32,
    pub format: GroupFormat,
    #[serde(default)]
    pub prompts: Vec<Localized>,
    #[serde(default)]
    pub roles: Vec<SessionRole>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub name: Localized,
    pub purpose: Localized,
    pub stages: Vec<Stage>,
}

impl Phase {
    pub fn duration_min(&self) -> u32 {
        self.stages.iter().map(|s| s.duration_min).sum()
    }
}

/// Where a copy came from: the library method and its version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub id: String,
    pub version: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Method {
    /// A stable slug, also the file name without `.toml`.
    pub id: String,
    /// Raised whenever the file's content changes in a way a facilitator would notice.
    pub version: u32,
    pub name: Localized,
    pub summary: Localized,
    /// Where the method comes from, in the method authors' own words of attribution.
    #[serde(default)]
    pub source: Option<Localized>,
    pub formats: Vec<Format>,
    #[serde(default)]
    pub roles: Vec<SessionRole>,
    #[serde(default)]
    pub group_size: Option<[u32; 2]>,
    #[serde(default)]
    pub ground_rules: Vec<Localized>,
    pub phases: Vec<Phase>,
    /// Set on a process's adapted copy; never in a library file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adapted_from: Option<Origin>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MethodError {
    #[error("{file}: not valid TOML for a method: {message}")]
    Syntax { file: String, message: String },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("two methods share the id {0}")]
    DuplicateId(String),
}

/// Longest stage a method may declare. A whole day of dialogue is split into stages anyway.
pub const MAX_STAGE_MIN: u32 = 480;

impl Method {
    /// Parses and checks one method file.
    pub fn parse_toml(file: &str, text: &str) -> Result<Method, MethodError> {
        let m: Method = toml::from_str(text).map_err(|e| MethodError::Syntax {
            file: file.to_owned(),
            message: e.to_string(),
        })?;
        m.check().map_err(|message| MethodError::Invalid {
            file: file.to_owned(),
            message,
        })?;
        Ok(m)
    }

    /// The invariants every method keeps, library file or adapted copy.
    pub fn check(&self) -> Result<(), String> {
        let slug_ok = !self.id.is_empty()
            && self.id.len() <= 64
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug_ok {
            return Err(format!(
                "id {:?} must be lowercase letters, digits and '-'",
                self.id
            ));
        }
        if self.version == 0 {
            return Err("version starts at 1".into());
        }
        if self.formats.is_empty() {
            return Err("at least one format is needed".into());
        }
        if self.phases.is_empty() {
            return Err("at least one phase is needed".into());
        }
        let mut texts: Vec<(&str, &Localized)> =
            vec![("name", &self.name), ("summary", &self.summary)];
        if let Some(s) = &self.source {
            texts.push(("source", s));
        }
        texts.extend(self.ground_rules.iter().map(|r| ("ground rule", r)));
        for p in &self.phases {
            texts.push(("phase name", &p.name));
            texts.push(("phase purpose", &p.purpose));
            if p.stages.is_empty() {
                return Err(format!("phase {:?} has no stages", p.name.en));
            }
            for s in &p.stages {
                texts.push(("stage name", &s.name));
                texts.push(("stage purpose", &s.purpose));
                texts.extend(s.prompts.iter().map(|q| ("prompt", q)));
                if s.duration_min == 0 || s.duration_min > MAX_STAGE_MIN {
                    return Err(format!(
                        "stage {:?} lasts {} minutes; 1 to {MAX_STAGE_MIN} allowed",
                        s.name.en, s.duration_min
                    ));
                }
            }
        }
        if let Some((what, t)) = texts.iter().find(|(_, t)| !t.is_complete()) {
            return Err(format!(
                "{what} {:?} lacks a Finnish, Swedish or English text",
                t.en
            ));
        }
        if let Some([lo, hi]) = self.group_size
            && (lo == 0 || lo > hi)
        {
            return Err(
                "group_size must be [smallest, largest] with 0 < smallest <= largest".into(),
            );
        }
        Ok(())
    }

    /// The first stage name or question a participant's phone shows that lacks its Arabic or
    /// Somali text, if any. The shipped methods have none; an organisation's own may, and then
    /// phones show Finnish.
    pub fn missing_participant_text(&self) -> Option<&Localized> {
        self.phases
            .iter()
            .flat_map(|p| &p.stages)
            .flat_map(|s| std::iter::once(&s.name).chain(&s.prompts))
            .find(|t| !t.speaks_to_participants())
    }

    pub fn duration_min(&self) -> u32 {
        self.phases.iter().map(Phase::duration_min).sum()
    }

    /// A copy for one process, remembering where it came from.
    pub fn adapt(&self) -> Method {
        let mut m = self.clone();
        m.adapted_from = Some(Origin {
            id: self.id.clone(),
            version: self.version,
        });
        m
    }

    pub fn name_in(&self, lang: Lang) -> &str {
        self.name.get(lang)
    }
}

/// The methods loaded at start.
#[derive(Clone, Debug, Default)]
pub struct MethodLibrary {
    methods: Vec<Method>,
}

/// The methods that ship with vuoro, compiled in from `methods/` so a fresh machine has them.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "hyvien-kaytantojen-dialogit.toml",
        include_str!("../../../methods/hyvien-kaytantojen-dialogit.toml"),
    ),
    (
        "eratauko.toml",
        include_str!("../../../methods/eratauko.toml"),
    ),
    (
        "eratauko-verkossa.toml",
        include_str!("../../../methods/eratauko-verkossa.toml"),
    ),
    (
        "learning-cafe.toml",
        include_str!("../../../methods/learning-cafe.toml"),
    ),
    (
        "open-space.toml",
        include_str!("../../../methods/open-space.toml"),
    ),
    (
        "tulevaisuuden-muistelu.toml",
        include_str!("../../../methods/tulevaisuuden-muistelu.toml"),
    ),
    (
        "luokkadialogi.toml",
        include_str!("../../../methods/luokkadialogi.toml"),
    ),
];

impl MethodLibrary {
    /// Loads methods from (file name, text) pairs; the file name must match the id, so the
    /// repository layout and the ids cannot drift apart.
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, MethodError> {
        let mut methods: Vec<Method> = Vec::new();
        for (file, text) in sources {
            let m = Method::parse_toml(file, text)?;
            let stem = file
                .rsplit('/')
                .next()
                .unwrap_or(file)
                .trim_end_matches(".toml");
            if stem != m.id {
                return Err(MethodError::Invalid {
                    file: file.to_owned(),
                    message: format!("file name must be {}.toml", m.id),
                });
            }
            if methods.iter().any(|o| o.id == m.id) {
                return Err(MethodError::DuplicateId(m.id));
            }
            methods.push(m);
        }
        Ok(Self { methods })
    }

    pub fn builtin() -> Result<Self, MethodError> {
        Self::from_sources(BUILTIN.iter().copied())
    }

    /// Adds or replaces methods, as an organisation's own method directory does.
    pub fn overlay(&mut self, other: MethodLibrary) {
        for m in other.methods {
            match self.methods.iter_mut().find(|o| o.id == m.id) {
                Some(slot) => *slot = m,
                None => self.methods.push(m),
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&Method> {
        self.methods.iter().find(|m| m.id == id)
    }

    pub fn all(&self) -> &[Method] {
        &self.methods
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_methods_load_and_are_complete() {
        let lib = MethodLibrary::builtin().expect("shipped methods must load");
        for m in lib.all() {
            assert_eq!(
                m.missing_participant_text().map(|t| &t.fi),
                None,
                "{}: every stage name and question speaks Arabic and Somali too",
                m.id
            );
        }
        for id in [
            "hyvien-kaytantojen-dialogit",
            "eratauko",
            "eratauko-verkossa",
            "learning-cafe",
            "open-space",
            "tulevaisuuden-muistelu",
            "luokkadialogi",
        ] {
            assert!(lib.get(id).is_some(), "{id} missing");
        }
        let gpd = lib.get("hyvien-kaytantojen-dialogit").expect("loaded");
        assert_eq!(
            gpd.phases.len(),
            2,
            "Good Practices Dialogues has two phases"
        );
        let prompts: Vec<&str> = gpd.phases[0]
            .stages
            .iter()
            .flat_map(|s| s.prompts.iter().map(|p| p.fi.as_str()))
            .collect();
        for q in [
            "Mikä minulla ja meillä jo toimii?",
            "Missä olen ja olemme hyviä?",
            "Mitä toimia vahvistamme?",
            "Missä haluamme kehittyä?",
        ] {
            assert!(prompts.contains(&q), "reflection question {q:?} missing");
        }
        let phase2: Vec<GroupFormat> = gpd.phases[1].stages.iter().map(|s| s.format).collect();
        assert!(phase2.contains(&GroupFormat::Tables) && phase2.contains(&GroupFormat::OpenSpace));
        let eratauko = lib.get("eratauko").expect("loaded");
        assert_eq!(
            eratauko.ground_rules.len(),
            6,
            "Erätauko has six ground rules"
        );
    }

    const MINIMAL: &str = r#"
id = "mini"
version = 1
formats = ["face_to_face"]
name = { fi = "Mini", sv = "Mini", en = "Mini" }
summary = { fi = "x", sv = "x", en = "x" }
[[phases]]
name = { fi = "V", sv = "F", en = "P" }
purpose = { fi = "x", sv = "x", en = "x" }
[[phases.stages]]
name = { fi = "A", sv = "A", en = "A" }
purpose = { fi = "x", sv = "x", en = "x" }
duration_min = 10
format = "circle"
"#;

    #[test]
    fn a_minimal_method_parses() {
        let m = Method::parse_toml("mini.toml", MINIMAL).expect("valid");
        assert_eq!(m.duration_min(), 10);
        assert_eq!(
            m.adapt().adapted_from,
            Some(Origin {
                id: "mini".into(),
                version: 1
            })
        );
    }

    #[test]
    fn broken_methods_are_refused_with_the_file_named() {
        let missing_sv = MINIMAL.replace(r#"sv = "Mini", "#, r#"sv = "", "#);
        let e = Method::parse_toml("mini.toml", &missing_sv).expect_err("incomplete");
        assert!(e.to_string().contains("mini.toml"));
        let long = MINIMAL.replace("duration_min = 10", "duration_min = 9999");
        assert!(Method::parse_toml("mini.toml", &long).is_err());
        let unknown = MINIMAL.replace("version = 1", "version = 1\ncolour = \"red\"");
        assert!(matches!(
            Method::parse_toml("mini.toml", &unknown),
            Err(MethodError::Syntax { .. })
        ));
        assert!(matches!(
            MethodLibrary::from_sources([("other.toml", MINIMAL)]),
            Err(MethodError::Invalid { .. })
        ));
        assert!(matches!(
            MethodLibrary::from_sources([("mini.toml", MINIMAL), ("x/mini.toml", MINIMAL)]),
            Err(MethodError::DuplicateId(_))
        ));
    }
}
