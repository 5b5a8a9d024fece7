//! A compact JSON serializer for the schema.org types, for speed: serde_json escapes strings a
//! byte at a time (~8 instructions a byte, measured with callgrind), which made the larger
//! blocks of issue #19 cost 3 % of a build; this one checks a whole string at once and copies
//! it when nothing needs escaping (nearly always), as the hand-written writer did. It writes
//! what serde_json writes for the same values (a test compares them) and supports only what
//! the types use: structs, sequences, options, strings, numbers and booleans.

use std::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

/// Why a value could not be written (a type the schema module never uses).
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Unsupported(message.to_string())
    }
}

/// Writes `value` as compact JSON at the end of `out`.
pub fn write_json<T: Serialize>(out: &mut String, value: &T) -> Result<(), Unsupported> {
    value.serialize(&mut JsonWriter { out })
}

struct JsonWriter<'o> {
    out: &'o mut String,
}

/// A JSON string: quotes, backslashes and control characters escaped as serde_json escapes
/// them. Runs of plain bytes are copied whole.
fn push_string(out: &mut String, text: &str) {
    out.push('"');
    push_string_contents(out, text);
    out.push('"');
}

fn push_string_contents(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // Most values (URLs, dates, names) need no escape and are copied whole.
    if !needs_escape(bytes) {
        out.push_str(text);
        return;
    }
    let mut run_start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        // Escapes and plain runs both end and start at ASCII bytes: slicing is safe.
        out.push_str(&text[run_start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(escape);
        }
        run_start = i + 1;
    }
    out.push_str(&text[run_start..]);
}

/// Whether `bytes` hold a quote, a backslash or a control character, asked eight bytes at a
/// time (most strings are short: a vectorised loop would spend them in its scalar tail).
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Any byte below `n` (n ≤ 128) sets its high bit here, and no byte at or above it does.
    let any_below = |word: u64, n: u64| word.wrapping_sub(ONES * n) & !word & HIGHS != 0;
    let any_equal = |word: u64, byte: u8| any_below(word ^ (ONES * u64::from(byte)), 1);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if any_below(word, 0x20) || any_equal(word, b'"') || any_equal(word, b'\\') {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&byte| byte < 0x20 || byte == b'"' || byte == b'\\')
}

/// A number, without the formatting machinery.
fn push_number(out: &mut String, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

/// Escapes what a `Display` value writes, piece by piece, into a JSON string's contents.
struct Escaping<'o>(&'o mut String);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        push_string_contents(self.0, piece);
        Ok(())
    }
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(format!("JSON-LD cannot hold {what}")))
}

impl<'a, 'o> ser::Serializer for &'a mut JsonWriter<'o> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        if v < 0 {
            self.out.push('-');
        }
        push_number(self.out, v.unsigned_abs());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        push_number(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        unsupported("a fraction")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        unsupported("a fraction")
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        push_string(self.out, v);
        Ok(())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        self.out.push('"');
        write!(Escaping(self.out), "{value}").map_err(|_| Unsupported("a text".into()))?;
        self.out.push('"');
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        unsupported("an enum")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'o>, Unsupported> {
        self.out.push('[');
        Ok(Compound {
            writer: self,
            first: true,
            close: ']',
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'o>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        unsupported("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("an enum")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        unsupported("a map")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, 'o>, Unsupported> {
        self.out.push('{');
        Ok(Compound {
            writer: self,
            first: true,
            close: '}',
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("an enum")
    }
}

/// An object or array being written: commas between entries, the closing bracket at the end.
pub struct Compound<'a, 'o> {
    writer: &'a mut JsonWriter<'o>,
    first: bool,
    close: char,
}

impl Compound<'_, '_> {
    fn separate(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.writer.out.push(',');
        }
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.separate();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.writer.out.push(self.close);
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Unsupported> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.separate();
        // Field names are the schema module's own (`@type`, `datePublished`): never escaped.
        debug_assert!(!needs_escape(key.as_bytes()), "{key}");
        let out = &mut *self.writer.out;
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Unsupported> {
        self.writer.out.push(self.close);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Sample<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        text: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        absent: Option<&'a str>,
        present: Option<u32>,
        list: Vec<&'a str>,
        flag: bool,
        count: usize,
        signed: i64,
        nested: Vec<Sample<'a>>,
    }

    fn sample(text: &str) -> Sample<'_> {
        Sample {
            kind: "Thing",
            text,
            absent: None,
            present: Some(7),
            list: vec![text, "b"],
            flag: true,
            count: 12_345,
            signed: -907,
            nested: vec![Sample {
                kind: "Inner",
                text,
                absent: Some(text),
                present: None,
                list: Vec::new(),
                flag: false,
                count: 0,
                signed: i64::MIN,
                nested: Vec::new(),
            }],
        }
    }

    proptest! {
        /// The writer writes exactly what serde_json writes.
        #[test]
        fn it_writes_what_serde_json_writes(text in "\\PC{0,40}|[\\x00-\\x7f]{0,40}") {
            let mut ours = String::new();
            write_json(&mut ours, &sample(&text)).unwrap();
            prop_assert_eq!(ours, serde_json::to_string(&sample(&text)).unwrap());
        }
    }

    #[test]
    fn numbers_are_written_whole() {
        for n in [0, 7, 10, 99, 1_600, u64::MAX] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    proptest! {
        #[test]
        fn escapes_are_found_wherever_they_are(text in "[ -~\\x00-\\x1f]{0,24}") {
            let expected = text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(needs_escape(text.as_bytes()), expected);
        }
    }

    #[test]
    fn what_the_types_never_use_is_refused() {
        let mut out = String::new();
        assert!(write_json(&mut out, &1.5_f64).is_err());
        assert!(write_json(&mut out, &std::collections::BTreeMap::from([(1, 2)])).is_err());
    }
}
