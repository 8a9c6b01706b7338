#pragma once

#include <QString>

// Everything that needs Qt Network (ApiClient, the simulator's HTTP server and its embedded host,
// the send and sim subcommands) is built into a module loaded on first use rather than linked
// into leadgen-diag: Qt Network and what it pulls in (Kerberos, libproxy, the resolver) take a
// few milliseconds to load, which the GUI's first paint and `explain` / `inspect` / `lint` do not
// need to wait for (issue 6, bench_startup).
//
// The module's code registers its factories (CallSender, SimulatorHost, NetworkCommand) as it
// loads; programs that link that code directly (the tests) have them registered from the start
// and never load anything.
namespace NetworkModule {

// Loads the module once; false with a plain *error when it is missing or cannot be loaded (the
// same error on every later call).
bool load(QString* error = nullptr);

// Where load() looks for the module.
QString path();

// For a factory still missing after a successful load (a module from another build).
QString incompleteMessage(const QString& what);

} // namespace NetworkModule
