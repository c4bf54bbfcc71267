//! Languages. The interface speaks Finnish first, Swedish and English always; participants may
//! write in any language, so the participant-language set is wider than the interface's.

use serde::{Deserialize, Serialize};

/// A language of the staff interface and of method texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fi,
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's name in itself, as a language switch shows it.
    pub fn autonym(self) -> &'static str {
        match self {
            Lang::Fi => "suomi",
            Lang::Sv => "svenska",
            Lang::En => "English",
        }
    }

    /// Picks the first supported language of an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| Lang::parse(tag.trim().split('-').next().unwrap_or("")))
            .next()
    }
}

/// A text given in each interface language. Method files must give all three, so a user never
/// meets a missing translation. What participants' phones show (stage names and questions) also
/// comes in Arabic and Somali; staff pages speak Finnish, Swedish and English only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Localized {
    pub fi: String,
    pub sv: String,
    pub en: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ar: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so: Option<String>,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fi => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }

    /// The text in a participant's language. A method of an organisation's own that lacks
    /// Arabic or Somali shows Finnish, the language the session is run in.
    pub fn for_participant(&self, lang: ParticipantLang) -> &str {
        fn given(t: &Option<String>) -> Option<&str> {
            t.as_deref().filter(|t| !t.trim().is_empty())
        }
        match lang {
            ParticipantLang::Sv => &self.sv,
            ParticipantLang::En => &self.en,
            ParticipantLang::Ar => given(&self.ar).unwrap_or(&self.fi),
            ParticipantLang::So => given(&self.so).unwrap_or(&self.fi),
            ParticipantLang::Fi | ParticipantLang::Other => &self.fi,
        }
    }

    /// Whether the Arabic and Somali texts are there too.
    pub fn speaks_to_participants(&self) -> bool {
        [&self.ar, &self.so]
            .iter()
            .all(|t| t.as_deref().is_some_and(|t| !t.trim().is_empty()))
    }

    /// The same text in every language: used when a facilitator rewrites a question for one
    /// process, where the text is in the language the group speaks.
    pub fn same(s: &str) -> Self {
        Self {
            fi: s.to_owned(),
            sv: s.to_owned(),
            en: s.to_owned(),
            ar: Some(s.to_owned()),
            so: Some(s.to_owned()),
        }
    }

    pub fn is_complete(&self) -> bool {
        !(self.fi.trim().is_empty() || self.sv.trim().is_empty() || self.en.trim().is_empty())
    }
}

/// Languages participants of a process speak. Arabic and Somali are named because the
/// municipalities run peer-parent groups in them; anything else goes to `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ParticipantLang {
    Fi,
    Sv,
    En,
    Ar,
    So,
    Other,
}

impl ParticipantLang {
    pub const ALL: [ParticipantLang; 6] = [
        ParticipantLang::Fi,
        ParticipantLang::Sv,
        ParticipantLang::En,
        ParticipantLang::Ar,
        ParticipantLang::So,
        ParticipantLang::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ParticipantLang::Fi => "fi",
            ParticipantLang::Sv => "sv",
            ParticipantLang::En => "en",
            ParticipantLang::Ar => "ar",
            ParticipantLang::So => "so",
            ParticipantLang::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_read_their_language_or_finnish() {
        let mut t = Localized {
            fi: "Mitä viet mukanasi?".into(),
            sv: "Vad tar du med dig?".into(),
            en: "What do you take with you?".into(),
            ar: Some("ماذا تأخذ معك؟".into()),
            so: Some("  ".into()),
        };
        assert_eq!(t.for_participant(ParticipantLang::Ar), "ماذا تأخذ معك؟");
        assert_eq!(
            t.for_participant(ParticipantLang::Sv),
            "Vad tar du med dig?"
        );
        assert_eq!(
            t.for_participant(ParticipantLang::So),
            "Mitä viet mukanasi?",
            "a blank Somali text falls back to Finnish"
        );
        assert!(!t.speaks_to_participants());
        t.so = Some("Maxaad qaadanaysaa?".into());
        assert!(t.speaks_to_participants());
        assert!(Localized::same("oma kysymys").speaks_to_participants());
    }

    #[test]
    fn accept_language_picks_first_supported() {
        assert_eq!(
            Lang::from_accept_language("de-DE,sv;q=0.8,en;q=0.5"),
            Some(Lang::Sv)
        );
        assert_eq!(Lang::from_accept_language("de"), None);
        assert_eq!(Lang::from_accept_language("en-GB"), Some(Lang::En));
    }
}
