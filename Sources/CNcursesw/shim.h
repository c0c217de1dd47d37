#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

// SwiftPM drops pkg-config's "-D_XOPEN_SOURCE=600" ("prohibited flag"), and a define in
// cSettings would not reach Swift's import of this header: ask for the wide-character API
// (cchar_t, mvin_wch, getcchar, mvinnwstr…) here, before <curses.h>.
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <locale.h>
#include <wchar.h>
#include <langinfo.h>
#include <stdio.h>

// Swift imports neither macros built from casts/bit operations (A_BOLD: "structure not
// supported") nor, under Swift 6 strict concurrency, C global variables (stdscr, COLORS,
// stdout: "not concurrency-safe"). Each is exposed as a function instead. All of these
// read ncurses' current SCREEN, so call them on the UI thread only.

static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline WINDOW *cnc_curscr(void) { return curscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline int cnc_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_italic(void) { return A_ITALIC; }
static inline attr_t cnc_a_attributes(void) { return A_ATTRIBUTES; }
static inline attr_t cnc_a_color(void) { return A_COLOR; }
static inline int cnc_pair_number(attr_t attrs) { return PAIR_NUMBER(attrs); }

// The C standard streams, for newterm(NULL, stdout, stdin).
static inline FILE *cnc_stdout(void) { return stdout; }
static inline FILE *cnc_stdin(void) { return stdin; }

// nl_langinfo(CODESET) without importing the langinfo enum into Swift.
static inline const char *cnc_codeset(void) { return nl_langinfo(CODESET); }

#endif
