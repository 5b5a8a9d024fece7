//! Captions, credits and alt text embedded in agency photos: IPTC-IIM (JPEG APP13, the
//! Photoshop `8BIM` resource 0x0404) and XMP (JPEG APP1, WebP `XMP ` chunk). Only the header
//! segments are read, never the pixels. What we write into resized copies ([`super::rights`])
//! is read back by this same reader.

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

/// What a photo says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Embedded {
    /// Caption-Abstract (2:120) or `dc:description`.
    pub caption: Option<String>,
    /// By-line (2:80) or `dc:creator`: the photographer(s).
    pub byline: Vec<String>,
    /// Credit (2:110) or `photoshop:Credit`: the agency line.
    pub credit: Option<String>,
    /// Source (2:115) or `photoshop:Source`.
    pub source: Option<String>,
    /// Copyright Notice (2:116) or `dc:rights`.
    pub copyright: Option<String>,
    /// Alt Text (Accessibility): `Iptc4xmpCore:AltTextAccessibility` (XMP only; IIM has no
    /// dataset for it).
    #[serde(default)]
    pub alt_text: Option<String>,
}

impl Embedded {
    /// The credit as we print it: photographer(s), then the credit line (or the source when
    /// there is none), joined like a written credit: `Libkos | Getty Images News`.
    pub fn credit_line(&self) -> Option<String> {
        let mut parts: Vec<String> = Vec::new();
        if !self.byline.is_empty() {
            parts.push(self.byline.join(", "));
        }
        if let Some(agency) = self.credit.as_ref().or(self.source.as_ref()) {
            for part in agency.split('|').map(|p| p.trim().to_string()) {
                if !parts.contains(&part) {
                    parts.push(part);
                }
            }
        }
        let line = crate::markdown::normalise_credit(&parts.join(" | "));
        (!line.is_empty()).then_some(line)
    }
}

/// Reads IPTC and XMP from a JPEG's header segments, whatever their order; where both are
/// present, IPTC wins field by field (it is what agency desks edit). A WebP gives its XMP chunk;
/// other formats give nothing.
pub fn read(bytes: &[u8]) -> Embedded {
    if let Some(packet) = super::rights::webp_xmp(bytes) {
        return parse_xmp(&String::from_utf8_lossy(packet));
    }
    let mut iptc = Embedded::default();
    let mut xmp = Embedded::default();
    for (marker, data) in jpeg_segments(bytes) {
        if marker == 0xED {
            if let Some(records) = data.strip_prefix(super::rights::PHOTOSHOP_SIGNATURE) {
                if let Some(block) = photoshop_resource(records, 0x0404) {
                    iptc = parse_iptc(block);
                }
            }
        } else if marker == 0xE1 {
            if let Some(packet) = data.strip_prefix(super::rights::XMP_SIGNATURE) {
                xmp = parse_xmp(&String::from_utf8_lossy(packet));
            }
        }
    }
    Embedded {
        caption: iptc.caption.or(xmp.caption),
        byline: if iptc.byline.is_empty() {
            xmp.byline
        } else {
            iptc.byline
        },
        credit: iptc.credit.or(xmp.credit),
        source: iptc.source.or(xmp.source),
        copyright: iptc.copyright.or(xmp.copyright),
        alt_text: xmp.alt_text,
    }
}

/// The (marker, payload) of each segment before the image data.
fn jpeg_segments(bytes: &[u8]) -> Vec<(u8, &[u8])> {
    let mut segments = Vec::new();
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return segments;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() && bytes[at] == 0xFF {
        let marker = bytes[at + 1];
        if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 || marker == 0xFF {
            at += if marker == 0xFF { 1 } else { 2 };
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let Some(payload) = bytes.get(at + 4..at + 2 + length) else {
            break;
        };
        if length < 2 {
            break;
        }
        segments.push((marker, payload));
        at += 2 + length;
    }
    segments
}

/// Finds a Photoshop image resource (`8BIM` blocks) by id.
fn photoshop_resource(mut data: &[u8], wanted: u16) -> Option<&[u8]> {
    while data.len() >= 12 && &data[..4] == b"8BIM" {
        let id = u16::from_be_bytes([data[4], data[5]]);
        let name_length = usize::from(data[6]);
        let name_total = (1 + name_length + 1) & !1;
        let size_at = 6 + name_total;
        let size_bytes = data.get(size_at..size_at + 4)?;
        let size = u32::from_be_bytes([size_bytes[0], size_bytes[1], size_bytes[2], size_bytes[3]])
            as usize;
        let start = size_at + 4;
        let block = data.get(start..start + size)?;
        if id == wanted {
            return Some(block);
        }
        data = data.get(start + ((size + 1) & !1)..)?;
    }
    None
}

/// Reads IPTC-IIM datasets of record 2 (and the character set from 1:90).
fn parse_iptc(mut data: &[u8]) -> Embedded {
    let mut utf8 = false;
    let mut fields: Vec<(u8, u8, &[u8])> = Vec::new();
    while data.len() >= 5 && data[0] == 0x1C {
        let (record, dataset) = (data[1], data[2]);
        let length = usize::from(u16::from_be_bytes([data[3], data[4]]));
        if length & 0x8000 != 0 {
            break; // extended datasets are never text fields we use
        }
        let Some(value) = data.get(5..5 + length) else {
            break;
        };
        if record == 1 && dataset == 90 && value == b"\x1b%G" {
            utf8 = true;
        }
        fields.push((record, dataset, value));
        data = &data[5 + length..];
    }
    let text = |bytes: &[u8]| -> Option<String> {
        let value = match std::str::from_utf8(bytes) {
            Ok(text) if utf8 || text.is_ascii() => text.to_string(),
            Ok(text) => text.to_string(),
            Err(_) => bytes.iter().map(|&b| b as char).collect(), // Latin-1
        };
        let value = value.trim().to_string();
        (!value.is_empty()).then_some(value)
    };
    let field = |dataset: u8| {
        fields
            .iter()
            .find(|f| f.0 == 2 && f.1 == dataset)
            .and_then(|f| text(f.2))
    };
    Embedded {
        caption: field(120),
        byline: fields
            .iter()
            .filter(|f| f.0 == 2 && f.1 == 80)
            .filter_map(|f| text(f.2))
            .collect(),
        credit: field(110),
        source: field(115),
        copyright: field(116),
        alt_text: None,
    }
}

/// Reads the fields we use from an XMP packet, as elements or as attributes.
fn parse_xmp(packet: &str) -> Embedded {
    let mut found = Embedded::default();
    let mut reader = Reader::from_str(packet);
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let store = |found: &mut Embedded, field: &str, value: String| {
        let value = value.trim().to_string();
        if value.is_empty() {
            return;
        }
        match field {
            "dc:description" if found.caption.is_none() => found.caption = Some(value),
            "dc:creator" => found.byline.push(value),
            "photoshop:Credit" if found.credit.is_none() => found.credit = Some(value),
            "photoshop:Source" if found.source.is_none() => found.source = Some(value),
            "dc:rights" if found.copyright.is_none() => found.copyright = Some(value),
            "Iptc4xmpCore:AltTextAccessibility" if found.alt_text.is_none() => {
                found.alt_text = Some(value)
            }
            _ => {}
        }
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(element)) => {
                let name = element.name().as_ref().to_string();
                for attribute in element.attributes().flatten() {
                    let key = attribute.key.as_ref().to_string();
                    if let Ok(value) = attribute.normalized_value(XmlVersion::Implicit1_0) {
                        store(&mut found, &key, value.into_owned());
                    }
                }
                stack.push(name);
                text.clear();
            }
            Ok(Event::Empty(element)) => {
                for attribute in element.attributes().flatten() {
                    let key = attribute.key.as_ref().to_string();
                    if let Ok(value) = attribute.normalized_value(XmlVersion::Implicit1_0) {
                        store(&mut found, &key, value.into_owned());
                    }
                }
            }
            Ok(Event::Text(content)) => text.push_str(&content),
            Ok(Event::CData(content)) => text.push_str(&content.into_inner()),
            Ok(Event::GeneralRef(reference)) => match reference.resolve_char_ref() {
                Ok(Some(ch)) => text.push(ch),
                _ => text.push_str(match &*reference {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "",
                }),
            },
            Ok(Event::End(_)) => {
                let Some(name) = stack.pop() else { break };
                let field = if name == "rdf:li" {
                    stack
                        .iter()
                        .rev()
                        .find(|n| !n.starts_with("rdf:"))
                        .cloned()
                        .unwrap_or_default()
                } else {
                    name
                };
                store(&mut found, &field, std::mem::take(&mut text));
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    found
}

/// Adds IPTC (record 2 `(dataset, value)` pairs) and an XMP packet to a JPEG, the way agency
/// software does (IPTC first); the test suites use it to make fixture photos.
#[doc(hidden)]
pub fn embed_for_tests(jpeg: &[u8], iptc: &[(u8, &str)], xmp: Option<&str>) -> Vec<u8> {
    let mut bytes = jpeg[..2].to_vec();
    bytes.extend(super::rights::jpeg_iptc_segment(iptc).unwrap_or_default());
    bytes.extend(
        xmp.and_then(super::rights::jpeg_xmp_segment)
            .unwrap_or_default(),
    );
    bytes.extend_from_slice(&jpeg[2..]);
    bytes
}

/// [`embed_for_tests`] with the XMP segment before the IPTC one, as some software writes them
/// (issue #19: neither may be lost).
#[doc(hidden)]
pub fn embed_xmp_first_for_tests(jpeg: &[u8], iptc: &[(u8, &str)], xmp: &str) -> Vec<u8> {
    let mut bytes = jpeg[..2].to_vec();
    bytes.extend(super::rights::jpeg_xmp_segment(xmp).unwrap_or_default());
    bytes.extend(super::rights::jpeg_iptc_segment(iptc).unwrap_or_default());
    bytes.extend_from_slice(&jpeg[2..]);
    bytes
}

/// An XMP packet of `rdf:Description` properties (already XML), for the test suites.
#[doc(hidden)]
pub fn xmp_packet_for_tests(properties: &str) -> String {
    super::rights::xmp_envelope(properties)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BARE: [u8; 8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9];

    #[test]
    fn iptc_fields_are_read() {
        let bytes = embed_for_tests(
            &BARE,
            &[
                (80, "Libkos"),
                (110, "Getty Images News"),
                (115, "Getty Images"),
                (120, "Ruins in Chasiv Yar — at dawn"),
                (116, "© 2026"),
            ],
            None,
        );
        let found = read(&bytes);
        assert_eq!(
            found.caption.as_deref(),
            Some("Ruins in Chasiv Yar — at dawn")
        );
        assert_eq!(found.byline, vec!["Libkos"]);
        assert_eq!(
            found.credit_line().as_deref(),
            Some("Libkos | Getty Images News")
        );
        assert_eq!(found.copyright.as_deref(), Some("© 2026"));
    }

    #[test]
    fn xmp_elements_attributes_and_entities_are_read() {
        let packet = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description photoshop:Credit="AP &amp; Partners" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Fishing boats &amp; nets at dusk</rdf:li></rdf:Alt></dc:description>
<dc:creator><rdf:Seq><rdf:li>Hanne Berg</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta>"#;
        let found = read(&embed_for_tests(&BARE, &[], Some(packet)));
        assert_eq!(
            found.caption.as_deref(),
            Some("Fishing boats & nets at dusk")
        );
        assert_eq!(
            found.credit_line().as_deref(),
            Some("Hanne Berg | AP & Partners")
        );
    }

    #[test]
    fn garbage_and_other_formats_give_nothing() {
        assert_eq!(read(b"\x89PNG...."), Embedded::default());
        assert_eq!(
            read(&[0xFF, 0xD8, 0xFF, 0xED, 0xFF, 0xFF, 1, 2]),
            Embedded::default()
        );
        assert_eq!(
            read(&[0xFF, 0xD8, 0xFF, 0xED, 0x00, 0x10, b'P', b'h']),
            Embedded::default()
        );
    }
}
