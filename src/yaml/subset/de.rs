//! serde's side of the plain-subset reader: a [`Node`] tree deserialised into our types the
//! way serde_yaml would. Anything it cannot answer exactly as serde_yaml does (a plain scalar
//! that could mean null, a boolean or a number where the type does not say, floats, enums,
//! tuples) is a [`Mismatch`], and the caller falls back to serde_yaml.

use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

use super::{Node, Scalar};

/// Why a node did not fit the type asked for; the caller falls back to serde_yaml and never
/// shows this.
#[derive(Debug)]
pub(super) struct Mismatch;

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the plain subset")
    }
}

impl std::error::Error for Mismatch {}

impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Mismatch
    }
}

/// What serde_yaml makes of a plain scalar when the type does not say: null, a boolean, a
/// number, or text. Only text that can be nothing else is answered here.
pub(super) fn plain_is_text(text: &str) -> bool {
    text.as_bytes()[0].is_ascii_alphabetic()
        && !matches!(text, "null" | "Null" | "NULL" | "true" | "True" | "TRUE")
        && !matches!(text, "false" | "False" | "FALSE")
        // Rust's float parser reads these words (serde_yaml refuses them again, but why rely
        // on it).
        && !["inf", "infinity", "nan"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word))
}

fn is_null(scalar: &Scalar<'_>) -> bool {
    scalar.plain && matches!(scalar.text.as_ref(), "null" | "Null" | "NULL" | "~")
}

/// A whole number as serde_yaml reads one when the type asks for it: decimal, no sign, no
/// leading zero (which it reads in other bases, or refuses).
fn plain_unsigned(scalar: &Scalar<'_>) -> Option<u64> {
    let text = scalar.text.as_ref();
    let decimal = text.bytes().all(|b| b.is_ascii_digit())
        && !text.is_empty()
        && (text == "0" || !text.starts_with('0'));
    if scalar.plain && decimal {
        text.parse().ok()
    } else {
        None
    }
}

/// Deserialises one node.
pub(super) struct NodeDeserializer<'n, 'a>(pub(super) &'n Node<'a>);

impl<'n, 'a> NodeDeserializer<'n, 'a> {
    fn scalar(&self) -> Result<&'n Scalar<'a>, Mismatch> {
        match self.0 {
            Node::Scalar(scalar) => Ok(scalar),
            _ => Err(Mismatch),
        }
    }

    fn unsigned<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_u64(plain_unsigned(self.scalar()?).ok_or(Mismatch)?)
    }
}

macro_rules! unsigned {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
            self.unsigned(visitor)
        })*
    };
}

macro_rules! unsupported {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Mismatch> {
            Err(Mismatch)
        })*
    };
}

impl<'de> de::Deserializer<'de> for NodeDeserializer<'_, '_> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Node::Scalar(scalar) if !scalar.plain || plain_is_text(&scalar.text) => {
                visitor.visit_str(&scalar.text)
            }
            Node::Scalar(_) => Err(Mismatch),
            Node::Seq(items) => visitor.visit_seq(SeqAccess(items.iter())),
            Node::Map(entries) => visitor.visit_map(MapAccess {
                entries: entries.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        let scalar = self.scalar()?;
        match (scalar.plain, scalar.text.as_ref()) {
            (true, "true" | "True" | "TRUE") => visitor.visit_bool(true),
            (true, "false" | "False" | "FALSE") => visitor.visit_bool(false),
            _ => Err(Mismatch),
        }
    }

    unsigned! {
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
    }

    unsupported! {
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_str(&self.scalar()?.text)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Node::Scalar(scalar) if is_null(scalar) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        if is_null(self.scalar()?) {
            visitor.visit_unit()
        } else {
            Err(Mismatch)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, Mismatch> {
        Err(Mismatch)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value, Mismatch> {
        Err(Mismatch)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Node::Seq(items) => visitor.visit_seq(SeqAccess(items.iter())),
            _ => Err(Mismatch),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Mismatch> {
        Err(Mismatch)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value, Mismatch> {
        Err(Mismatch)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        match self.0 {
            Node::Map(entries) => visitor.visit_map(MapAccess {
                entries: entries.iter(),
                value: None,
            }),
            _ => Err(Mismatch),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Mismatch> {
        Err(Mismatch)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_unit()
    }
}

struct SeqAccess<'n, 'a>(std::slice::Iter<'n, Node<'a>>);

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_> {
    type Error = Mismatch;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Mismatch> {
        self.0
            .next()
            .map(|node| seed.deserialize(NodeDeserializer(node)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct MapAccess<'n, 'a> {
    entries: std::slice::Iter<'n, (&'a str, Node<'a>)>,
    value: Option<&'n Node<'a>>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_> {
    type Error = Mismatch;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Mismatch> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        // A key that could mean null, a boolean or a number is not a plain word: refused by
        // `KeyDeserializer` unless the type asks for a field name.
        seed.deserialize(KeyDeserializer(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Mismatch> {
        seed.deserialize(NodeDeserializer(self.value.take().ok_or(Mismatch)?))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A map key: a plain word, read as a field name or as text when it can be nothing else.
struct KeyDeserializer<'a>(&'a str);

impl<'de> de::Deserializer<'de> for KeyDeserializer<'_> {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        if plain_is_text(self.0) {
            visitor.visit_str(self.0)
        } else {
            Err(Mismatch)
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_str(self.0)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_str(self.0)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_str(self.0)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum ignored_any
    }
}
