//! The texts `stakes new` writes into a skeleton, in each built-in language, and noticing one
//! left whole in a body. The converter compares each one-text paragraph with them (its length
//! first, so nearly free) as it walks the blocks; `scaffold` writes the skeletons from the
//! same texts and turns what was noticed into warnings. It must not know files or templates.

/// A skeleton's texts in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Skeleton {
    /// The primary language subtag (`fr`).
    pub language: &'static str,
    /// The dek in front matter.
    pub dek: &'static str,
    /// The intro paragraph.
    pub intro: &'static str,
    /// The paragraph under each numbered heading.
    pub section: &'static str,
    /// The closing, unnumbered heading.
    pub next_heading: &'static str,
    /// The paragraph under it.
    pub next: &'static str,
    /// Each numbered heading is this and its number (`Enjeu 2`); empty for English, whose
    /// headings are ordinals (`Second thing at stake`).
    pub heading: &'static str,
}

/// The skeletons, English first (the one for a language without its own).
pub const SKELETONS: [Skeleton; 8] = [
    Skeleton {
        language: "en",
        dek: "One or two sentences under the headline: what is decided, and when.",
        intro: "The intro: what is happening and why it matters, in a paragraph or two.",
        section: "What it is, who decides, and what changes for readers.",
        next_heading: "What happens next",
        next: "The dates to watch.",
        heading: "",
    },
    Skeleton {
        language: "fr",
        dek: "Une ou deux phrases sous le titre : ce qui est décidé, et quand.",
        intro: "L’introduction : ce qui se passe et pourquoi c’est important, en un ou deux paragraphes.",
        section: "De quoi il s’agit, qui décide, et ce qui change pour les lecteurs.",
        next_heading: "Et maintenant",
        next: "Les dates à retenir.",
        heading: "Enjeu",
    },
    Skeleton {
        language: "de",
        dek: "Ein oder zwei Sätze unter der Überschrift: was entschieden wird, und wann.",
        intro: "Der Einstieg: was passiert und warum es wichtig ist, in ein oder zwei Absätzen.",
        section: "Worum es geht, wer entscheidet und was sich für die Leser ändert.",
        next_heading: "Wie es weitergeht",
        next: "Die wichtigen Termine.",
        heading: "Punkt",
    },
    Skeleton {
        language: "es",
        dek: "Una o dos frases bajo el titular: qué se decide y cuándo.",
        intro: "La entrada: qué está pasando y por qué importa, en uno o dos párrafos.",
        section: "Qué es, quién decide y qué cambia para los lectores.",
        next_heading: "Qué pasará ahora",
        next: "Las fechas clave.",
        heading: "Clave",
    },
    Skeleton {
        language: "it",
        dek: "Una o due frasi sotto il titolo: che cosa si decide, e quando.",
        intro: "L’attacco: che cosa succede e perché conta, in uno o due paragrafi.",
        section: "Di che cosa si tratta, chi decide e che cosa cambia per i lettori.",
        next_heading: "Che cosa succede ora",
        next: "Le date da seguire.",
        heading: "Punto",
    },
    Skeleton {
        language: "pt",
        dek: "Uma ou duas frases sob o título: o que se decide, e quando.",
        intro: "A introdução: o que acontece e por que importa, em um ou dois parágrafos.",
        section: "O que é, quem decide e o que muda para os leitores.",
        next_heading: "O que vem a seguir",
        next: "As datas a acompanhar.",
        heading: "Ponto",
    },
    Skeleton {
        language: "nl",
        dek: "Een of twee zinnen onder de kop: wat er besloten wordt, en wanneer.",
        intro: "De inleiding: wat er gebeurt en waarom het ertoe doet, in een of twee alinea’s.",
        section: "Wat het is, wie beslist en wat er verandert voor de lezer.",
        next_heading: "Wat er nu gebeurt",
        next: "De data om te volgen.",
        heading: "Punt",
    },
    Skeleton {
        language: "ar",
        dek: "جملة أو جملتان تحت العنوان: ما الذي يُقرَّر، ومتى.",
        intro: "المقدمة: ما الذي يحدث ولماذا يهم، في فقرة أو فقرتين.",
        section: "ما هو الأمر، ومن يقرر، وما الذي يتغير للقراء.",
        next_heading: "ماذا بعد",
        next: "المواعيد التي يجب متابعتها.",
        heading: "الأمر",
    },
];

/// The skeleton for a language tag (`fr-BE` → French), English for one without its own.
pub fn skeleton_for(language: &str) -> &'static Skeleton {
    let primary = crate::i18n::primary_subtag(language);
    SKELETONS
        .iter()
        .find(|s| s.language == primary)
        .unwrap_or(&SKELETONS[0])
}

/// The skeleton paragraph `text` is, in any language, if it is one.
pub(super) fn placeholder_paragraph(text: &str) -> Option<&'static str> {
    SKELETONS
        .iter()
        .flat_map(|s| [s.intro, s.section, s.next])
        .find(|placeholder| placeholder.len() == text.len() && *placeholder == text)
}

/// Whether a dek is a skeleton's.
pub fn is_placeholder_dek(dek: &str) -> bool {
    SKELETONS.iter().any(|s| s.dek == dek)
}

/// Whether a heading is a skeleton's numbered heading in a language other than English
/// (`Enjeu 2`; the English ones are the scaffold's ordinals).
pub fn is_numbered_placeholder_heading(title: &str) -> bool {
    SKELETONS.iter().skip(1).any(|s| {
        title
            .strip_prefix(s.heading)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_whole_placeholder_paragraph_is_one() {
        assert_eq!(
            placeholder_paragraph("The dates to watch."),
            Some(SKELETONS[0].next)
        );
        assert_eq!(
            placeholder_paragraph("Les dates à retenir."),
            Some("Les dates à retenir.")
        );
        assert!(is_numbered_placeholder_heading("Enjeu 2"));
        assert!(!is_numbered_placeholder_heading("Enjeu climatique"));
        assert!(is_placeholder_dek(skeleton_for("de-AT").dek));
        assert_eq!(skeleton_for("pl").language, "en");
        assert_eq!(placeholder_paragraph("The dates to watch"), None);
        assert_eq!(placeholder_paragraph("The dates to watch. Soon."), None);
    }
}
