//! Month and weekday names in the site's language: it owns the names a translation table gives
//! and their substitution into a strftime pattern (`%B`, `%b`, `%h`, `%A`, `%a`), so the date
//! crate, which knows English names only, formats the rest. It must not parse dates.

/// A language's month and weekday names, from its translation table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateNames {
    /// January to December.
    pub months: Vec<String>,
    /// Their short forms.
    pub months_short: Vec<String>,
    /// Monday to Sunday.
    pub weekdays: Vec<String>,
    /// Their short forms.
    pub weekdays_short: Vec<String>,
    /// How the first day of a month is written for `%-d` and `%e` (`1er` in French).
    pub day_one: String,
}

impl DateNames {
    /// `format` with each name conversion replaced by the name for `month` (1–12) and
    /// `weekday` (1 = Monday … 7 = Sunday), and `%-d` or `%e` on the first `day` of a month by
    /// `day_one`, written as literal text (a `%` in a name is doubled); `%^B` gives the name
    /// in capitals. Every other conversion is left for the date crate.
    pub fn localise(&self, format: &str, (month, weekday, day): (i8, i8, i8)) -> String {
        let month = usize::try_from(month - 1).unwrap_or(0).min(11);
        let weekday = usize::try_from(weekday - 1).unwrap_or(0).min(6);
        let mut out = String::with_capacity(format.len() + 16);
        let mut rest = format;
        while let Some(at) = rest.find('%') {
            out.push_str(&rest[..at]);
            let spec = &rest[at..];
            let flags_end = 1 + spec[1..]
                .find(|c: char| !matches!(c, '-' | '_' | '0'..='9' | '^' | '#' | '.' | ':'))
                .unwrap_or(spec.len() - 1);
            let conversion = spec[flags_end..].chars().next();
            let plain_day = day == 1 && matches!(&spec[..flags_end], "%-" | "%");
            let name = match conversion {
                Some('d') if plain_day && spec[..flags_end].ends_with('-') => Some(&self.day_one),
                Some('e') if plain_day => Some(&self.day_one),
                Some('B') => Some(&self.months[month]),
                Some('b' | 'h') => Some(&self.months_short[month]),
                Some('A') => Some(&self.weekdays[weekday]),
                Some('a') => Some(&self.weekdays_short[weekday]),
                _ => None,
            };
            let spec_len = flags_end + conversion.map_or(0, char::len_utf8);
            match name {
                Some(name) => {
                    let shown = if spec[1..flags_end].contains('^') {
                        name.to_uppercase()
                    } else {
                        name.clone()
                    };
                    out.push_str(&shown.replace('%', "%%"));
                }
                None => out.push_str(&spec[..spec_len]),
            }
            rest = &spec[spec_len..];
        }
        out.push_str(rest);
        out
    }
}

impl crate::date::Names for DateNames {
    fn localise(&self, format: &str, parts: (i8, i8, i8)) -> String {
        DateNames::localise(self, format, parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn french() -> DateNames {
        let names = |list: &str| list.split(' ').map(str::to_string).collect();
        DateNames {
            months: names("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
            months_short: names("janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc."),
            weekdays: names("lundi mardi mercredi jeudi vendredi samedi dimanche"),
            weekdays_short: names("lun. mar. mer. jeu. ven. sam. dim."),
            day_one: "1er".to_string(),
        }
    }

    #[test]
    fn names_replace_their_conversions_and_the_rest_is_kept() {
        let fr = french();
        assert_eq!(fr.localise("%-d %B %Y", (12, 4, 3)), "%-d décembre %Y");
        assert_eq!(fr.localise("%A %-d %b", (8, 7, 2)), "dimanche %-d août");
        assert_eq!(fr.localise("%^B %%B %H:%M", (3, 1, 5)), "MARS %%B %H:%M");
        assert_eq!(fr.localise("trailing %", (1, 1, 1)), "trailing %");
    }

    #[test]
    fn the_first_of_the_month_is_written_the_language_s_way() {
        let fr = french();
        assert_eq!(fr.localise("%-d %B %Y", (12, 2, 1)), "1er décembre %Y");
        assert_eq!(fr.localise("%e %B", (12, 2, 1)), "1er décembre");
        assert_eq!(fr.localise("%d/%m", (12, 2, 1)), "%d/%m");
        assert_eq!(fr.localise("%-d %B", (12, 3, 2)), "%-d décembre");
    }

    #[test]
    fn a_percent_sign_in_a_name_is_written_as_text() {
        let mut odd = french();
        odd.months[0] = "100%".to_string();
        assert_eq!(odd.localise("%B", (1, 1, 9)), "100%%");
    }
}
