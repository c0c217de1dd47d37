import Testing

/// Tests that touch process-wide state (ncurses' current screen, the locale, signal
/// dispositions) nest here so they never run at the same time: ncurses' `newterm` installs its
/// own SIGINT/SIGTERM handlers where the disposition is still the default, which would race with
/// the signal pipe test raising SIGTERM.
@Suite(.serialized)
enum ProcessWide {}
