/* Tests only, never shipped: Debian's wine 8.0 has no bcryptprimitives.dll
 * export ProcessPrng, which Rust's std (1.78+) imports on Windows, so every
 * Rust .exe exits with status 53 under it. scripts/test-windows builds this
 * as bcryptprimitives.dll and puts it beside the test programs only; real
 * Windows (10 and later) has the system's own. */
#include <windows.h>

/* RtlGenRandom, exported by advapi32 under this name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) {
            return FALSE;
        }
        data += n;
        len -= n;
    }
    return TRUE;
}
