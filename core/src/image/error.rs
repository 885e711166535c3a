//! Why an image gave no QR payload: the module's error catalogue.

use crate::catalogue::catalogue;

catalogue! {
    /// Why [`super::decode_gray`] or [`super::decode_rgba`] found no payload.
    /// Messages describe the image, never its content.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum Error {
        /// Width or height below the smallest QR code (21 pixels).
        TooSmall {
            /// Width given.
            width: u32,
            /// Height given.
            height: u32,
            /// [`super::MIN_SIDE`].
            min: u32,
        } = "image_too_small", 400,
            en: "the image is {width}×{height} pixels; a QR code needs at least {min}×{min}";
            vi: "Ảnh có kích thước {width}×{height} điểm; mã QR cần ít nhất {min}×{min}";
            short: "the image is too small to hold a QR code", "Ảnh quá nhỏ để chứa mã QR";
        /// Width or height above [`super::MAX_SIDE`], or more than [`super::MAX_PIXELS`] pixels.
        TooLarge {
            /// Width given.
            width: u32,
            /// Height given.
            height: u32,
            /// [`super::MAX_SIDE`].
            max_side: u32,
            /// [`super::MAX_PIXELS`].
            max_pixels: u64,
        } = "image_too_large", 401,
            en: "the image is {width}×{height} pixels; at most {max_side} per side and {max_pixels} in all are read";
            vi: "Ảnh có kích thước {width}×{height} điểm; chỉ đọc ảnh tối đa {max_side} điểm mỗi chiều và {max_pixels} điểm tổng cộng";
            short: "the image is too large", "Ảnh quá lớn";
        /// The row stride is shorter than a row.
        Stride {
            /// Stride given, in bytes.
            stride: usize,
            /// Bytes in one row of pixels.
            row: usize,
        } = "image_stride", 402,
            en: "the row stride ({stride} bytes) is shorter than a row ({row} bytes)";
            vi: "Độ dài dòng ({stride} byte) ngắn hơn một dòng điểm ảnh ({row} byte)";
            short: "the row stride is shorter than a row of pixels", "Độ dài dòng (stride) ngắn hơn một dòng điểm ảnh";
        /// The buffer is shorter than `stride × (height − 1) + row`.
        BufferTooShort {
            /// Bytes given.
            len: usize,
            /// Bytes needed.
            needed: usize,
        } = "image_buffer_short", 403,
            en: "the pixel buffer has {len} bytes; {needed} are needed for the size and stride given";
            vi: "Bộ đệm điểm ảnh có {len} byte; cần {needed} byte cho kích thước và độ dài dòng đã cho";
            short: "the pixel buffer is shorter than the size given", "Bộ đệm điểm ảnh ngắn hơn kích thước đã cho";
        /// No QR code was seen.
        NotFound = "image_no_qr", 404,
            en: "no QR code was found in the image";
            vi: "Không tìm thấy mã QR trong ảnh";
            short: "no QR code was found in the image", "Không tìm thấy mã QR trong ảnh";
        /// QR codes were seen but none could be read (blurred, cut off, damaged).
        Unreadable {
            /// How many were seen.
            found: usize,
        } = "image_qr_unreadable", 405,
            en: "{found} QR code(s) were seen but could not be read (hold the paper flat, closer and in focus)";
            vi: "Thấy {found} mã QR nhưng không đọc được (giữ giấy phẳng, gần hơn và rõ nét)";
            short: "a QR code was seen but could not be read", "Thấy mã QR nhưng không đọc được";
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::serialize_error(s, self.code(), self.message(), self.message_vi(), None)
    }
}
