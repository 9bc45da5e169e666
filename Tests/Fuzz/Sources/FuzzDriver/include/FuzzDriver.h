// libFuzzer's entry point for programs that have their own main: it parses
// libFuzzer's command line and calls `callback` with each input.
#ifndef STRIDED_FUZZ_DRIVER_H
#define STRIDED_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

/// Runs libFuzzer with the process's arguments over `callback`.
int strided_fuzz_main(int argc, char **argv, int (*callback)(const uint8_t *data, size_t size));

#endif
