//! Typed, validated access to the fields of a JSON object, with errors that name
//! file, feature code and field.

use crate::error::{PipelineError, Result};
use buurtkaart_model::{AreaCode, Level};
use serde_json::{Map, Value};

/// Values at or below this are CBS "secret / not available" markers (−99997, −99999999, …).
pub const CBS_MISSING_MARKER: f64 = -99990.0;

/// An inclusive range a number must lie in.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
}

impl Range {
    /// Any finite number.
    pub const ANY: Range = Range {
        min: f64::MIN,
        max: f64::MAX,
    };
    /// Zero or more.
    pub const NON_NEGATIVE: Range = Range {
        min: 0.0,
        max: f64::MAX,
    };
    /// A percentage.
    pub const PERCENT: Range = Range {
        min: 0.0,
        max: 100.0,
    };
    /// A Leefbaarometer deviation (observed range is about ±0.8).
    pub const DEVIATION: Range = Range {
        min: -2.0,
        max: 2.0,
    };

    /// A range from `min` to `max`.
    pub const fn new(min: f64, max: f64) -> Range {
        Range { min, max }
    }
}

/// The fields of one feature (or JSON object) in one file.
#[derive(Debug, Clone, Copy)]
pub struct Props<'a> {
    /// File the object comes from.
    pub file: &'a str,
    /// Feature code, for messages (`#n` until the code is known).
    pub code: &'a str,
    /// The fields.
    pub map: &'a Map<String, Value>,
    /// Prefix for field names in messages (e.g. `raw.`).
    pub prefix: &'a str,
    /// Whether CBS missing markers (≤ −99990) mean "missing".
    pub cbs_markers: bool,
}

impl<'a> Props<'a> {
    /// Wraps an object.
    pub fn new(file: &'a str, code: &'a str, map: &'a Map<String, Value>) -> Self {
        Props {
            file,
            code,
            map,
            prefix: "",
            cbs_markers: false,
        }
    }

    /// Same object, now also treating CBS markers as missing.
    pub fn with_cbs_markers(mut self) -> Self {
        self.cbs_markers = true;
        self
    }

    /// Wraps a JSON value that must be an object.
    pub fn object(file: &'a str, code: &'a str, v: &'a Value, what: &str) -> Result<Self> {
        v.as_object()
            .map(|m| Props::new(file, code, m))
            .ok_or_else(|| {
                PipelineError::bad_value(file, code, what, short(v), "expected a JSON object")
            })
    }

    fn name(&self, field: &str) -> String {
        format!("{}{field}", self.prefix)
    }

    /// A nested object field, required.
    pub fn child(&self, field: &'a str, prefix: &'a str) -> Result<Props<'a>> {
        match self.map.get(field) {
            None | Some(Value::Null) => Err(PipelineError::missing(
                self.file,
                self.code,
                &self.name(field),
            )),
            Some(Value::Object(m)) => Ok(Props {
                map: m,
                prefix,
                ..*self
            }),
            Some(v) => Err(PipelineError::bad_value(
                self.file,
                self.code,
                &self.name(field),
                short(v),
                "expected a JSON object",
            )),
        }
    }

    /// A nested object field that may be null or absent.
    pub fn child_opt(&self, field: &'a str, prefix: &'a str) -> Result<Option<Props<'a>>> {
        match self.map.get(field) {
            None | Some(Value::Null) => Ok(None),
            _ => self.child(field, prefix).map(Some),
        }
    }

    /// A required string.
    pub fn str(&self, field: &str) -> Result<&'a str> {
        match self.map.get(field) {
            None | Some(Value::Null) => Err(PipelineError::missing(
                self.file,
                self.code,
                &self.name(field),
            )),
            Some(Value::String(s)) => Ok(s),
            Some(v) => Err(PipelineError::bad_value(
                self.file,
                self.code,
                &self.name(field),
                short(v),
                if is_cbs_marker(v.as_f64()) {
                    MARKER_REQUIRED
                } else {
                    "expected a string"
                },
            )),
        }
    }

    /// An optional string (null or absent → `None`).
    pub fn str_opt(&self, field: &str) -> Result<Option<&'a str>> {
        match self.map.get(field) {
            None | Some(Value::Null) => Ok(None),
            _ => self.str(field).map(Some),
        }
    }

    /// A required CBS code of `level`.
    pub fn code(&self, field: &str, level: Level) -> Result<AreaCode> {
        let s = self.str(field)?;
        parse_code(self.file, s, &self.name(field), level)
    }

    /// An optional number in `range`; null, absent or a CBS marker gives `None`.
    pub fn num_opt(&self, field: &str, range: Range) -> Result<Option<f64>> {
        let v = match self.map.get(field) {
            None | Some(Value::Null) => return Ok(None),
            Some(v) => v,
        };
        let x = v.as_f64().ok_or_else(|| {
            PipelineError::bad_value(
                self.file,
                self.code,
                &self.name(field),
                short(v),
                "expected a number",
            )
        })?;
        if is_cbs_marker(Some(x)) {
            if self.cbs_markers {
                return Ok(None);
            }
            return Err(PipelineError::bad_value(
                self.file,
                self.code,
                &self.name(field),
                x,
                MARKER_REQUIRED,
            ));
        }
        check_range(self.file, self.code, &self.name(field), x, range).map(Some)
    }

    /// A required number in `range`. A CBS marker is refused here even where markers are
    /// otherwise read as "missing".
    pub fn num(&self, field: &str, range: Range) -> Result<f64> {
        Props {
            cbs_markers: false,
            ..*self
        }
        .num_opt(field, range)?
        .ok_or_else(|| PipelineError::missing(self.file, self.code, &self.name(field)))
    }

    /// A required whole number in `range`.
    pub fn int(&self, field: &str, range: Range) -> Result<i64> {
        let x = self.num(field, range)?;
        if x.fract() != 0.0 {
            return Err(PipelineError::bad_value(
                self.file,
                self.code,
                &self.name(field),
                x,
                "expected a whole number",
            ));
        }
        Ok(x as i64)
    }
}

/// The reason given for a CBS marker where a value is required.
pub const MARKER_REQUIRED: &str =
    "a CBS marker (-99997 secret, -99999999 not available) where a value is required";

/// Whether `x` is a CBS "secret / not available" marker (≤ [`CBS_MISSING_MARKER`]).
pub fn is_cbs_marker(x: Option<f64>) -> bool {
    x.is_some_and(|x| x <= CBS_MISSING_MARKER)
}

/// Checks that the required `field` of `p` (a year as a string or a number) is `expected`,
/// so that a file of another year cannot slip into this year's data.
pub fn check_year(p: &Props<'_>, field: &str, expected: u16) -> Result<()> {
    let name = p.name(field);
    let found = match p.map.get(field) {
        None | Some(Value::Null) => return Err(PipelineError::missing(p.file, p.code, &name)),
        Some(Value::String(s)) => s.trim().parse::<u16>().ok(),
        Some(Value::Number(n)) => n.as_u64().and_then(|y| u16::try_from(y).ok()),
        Some(_) => None,
    };
    if found == Some(expected) {
        return Ok(());
    }
    let value = short(&p.map[field]);
    Err(PipelineError::bad_value(
        p.file,
        p.code,
        &name,
        value,
        format!("expected the year {expected}: data of another year must not be mixed in"),
    ))
}

/// Checks that `x` is finite and within `range`.
pub fn check_range(file: &str, code: &str, field: &str, x: f64, range: Range) -> Result<f64> {
    if !x.is_finite() {
        return Err(PipelineError::bad_value(
            file,
            code,
            field,
            x,
            "not a finite number",
        ));
    }
    if x < range.min || x > range.max {
        return Err(PipelineError::bad_value(
            file,
            code,
            field,
            x,
            format!("outside the allowed range {} to {}", range.min, range.max),
        ));
    }
    Ok(x)
}

/// Parses a CBS code and checks its level.
pub fn parse_code(file: &str, s: &str, field: &str, level: Level) -> Result<AreaCode> {
    let bad = |reason: String| PipelineError::bad_value(file, s, field, format!("{s:?}"), reason);
    let code = AreaCode::parse(s).map_err(|e| bad(e.to_string()))?;
    if code.level() != level {
        return Err(bad(format!(
            "expected a {} code ({}…)",
            level.id(),
            level.prefix()
        )));
    }
    Ok(code)
}

/// A short rendering of a JSON value for messages.
pub fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}
