//! Why an image gave no QR payload.

/// Why [`super::decode_gray`] or [`super::decode_rgba`] found no payload.
/// Messages describe the image, never its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Width or height below the smallest QR code (21 pixels).
    #[error("the image is {width}×{height} pixels; a QR code needs at least {min}×{min}")]
    TooSmall {
        /// Width given.
        width: u32,
        /// Height given.
        height: u32,
        /// [`super::MIN_SIDE`].
        min: u32,
    },
    /// Width or height above [`super::MAX_SIDE`], or more than [`super::MAX_PIXELS`] pixels.
    #[error("the image is {width}×{height} pixels; at most {max_side} per side and {max_pixels} in all are read")]
    TooLarge {
        /// Width given.
        width: u32,
        /// Height given.
        height: u32,
        /// [`super::MAX_SIDE`].
        max_side: u32,
        /// [`super::MAX_PIXELS`].
        max_pixels: u64,
    },
    /// The row stride is shorter than a row.
    #[error("the row stride ({stride} bytes) is shorter than a row ({row} bytes)")]
    Stride {
        /// Stride given, in bytes.
        stride: usize,
        /// Bytes in one row of pixels.
        row: usize,
    },
    /// The buffer is shorter than `stride × (height − 1) + row`.
    #[error("the pixel buffer has {len} bytes; {needed} are needed for the size and stride given")]
    BufferTooShort {
        /// Bytes given.
        len: usize,
        /// Bytes needed.
        needed: usize,
    },
    /// No QR code was seen.
    #[error("no QR code was found in the image")]
    NotFound,
    /// QR codes were seen but none could be read (blurred, cut off, damaged).
    #[error("{found} QR code(s) were seen but could not be read (hold the paper flat, closer and in focus)")]
    Unreadable {
        /// How many were seen.
        found: usize,
    },
}

impl Error {
    /// Every error code, in declaration order.
    pub const ALL_CODES: &'static [&'static str] = &[
        "image_too_small",
        "image_too_large",
        "image_stride",
        "image_buffer_short",
        "image_no_qr",
        "image_qr_unreadable",
    ];

    /// Stable machine-readable code.
    pub const fn code(&self) -> &'static str {
        match self {
            Error::TooSmall { .. } => "image_too_small",
            Error::TooLarge { .. } => "image_too_large",
            Error::Stride { .. } => "image_stride",
            Error::BufferTooShort { .. } => "image_buffer_short",
            Error::NotFound => "image_no_qr",
            Error::Unreadable { .. } => "image_qr_unreadable",
        }
    }

    /// The English and Vietnamese messages for a code alone (no sizes);
    /// `None` if unknown.
    pub fn code_message(code: &str) -> Option<(String, String)> {
        let (en, vi) = match code {
            "image_too_small" => ("the image is too small to hold a QR code", "Ảnh quá nhỏ để chứa mã QR"),
            "image_too_large" => ("the image is too large", "Ảnh quá lớn"),
            "image_stride" => (
                "the row stride is shorter than a row of pixels",
                "Độ dài dòng (stride) ngắn hơn một dòng điểm ảnh",
            ),
            "image_buffer_short" => (
                "the pixel buffer is shorter than the size given",
                "Bộ đệm điểm ảnh ngắn hơn kích thước đã cho",
            ),
            "image_no_qr" => ("no QR code was found in the image", "Không tìm thấy mã QR trong ảnh"),
            "image_qr_unreadable" => (
                "a QR code was seen but could not be read",
                "Thấy mã QR nhưng không đọc được",
            ),
            _ => return None,
        };
        Some((en.to_owned(), vi.to_owned()))
    }

    /// English message (the `Display` text).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// Vietnamese message.
    pub fn message_vi(&self) -> String {
        match self {
            Error::TooSmall { width, height, min } => {
                format!("Ảnh có kích thước {width}×{height} điểm; mã QR cần ít nhất {min}×{min}")
            }
            Error::TooLarge { width, height, max_side, max_pixels } => format!(
                "Ảnh có kích thước {width}×{height} điểm; chỉ đọc ảnh tối đa {max_side} điểm mỗi chiều và {max_pixels} điểm tổng cộng"
            ),
            Error::Stride { stride, row } => {
                format!("Độ dài dòng ({stride} byte) ngắn hơn một dòng điểm ảnh ({row} byte)")
            }
            Error::BufferTooShort { len, needed } => {
                format!("Bộ đệm điểm ảnh có {len} byte; cần {needed} byte cho kích thước và độ dài dòng đã cho")
            }
            Error::NotFound => "Không tìm thấy mã QR trong ảnh".into(),
            Error::Unreadable { found } => format!(
                "Thấy {found} mã QR nhưng không đọc được (giữ giấy phẳng, gần hơn và rõ nét)"
            ),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::serialize_error(s, self.code(), self.message(), self.message_vi(), None)
    }
}
