//! Gives the shared library an ELF SONAME (`libmotcua.so.0`), so programs
//! linked with `-lmotcua` keep working across compatible releases.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libmotcua.so.0");
    }
}
