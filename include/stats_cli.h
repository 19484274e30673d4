/* stats_cli.h: `svreport stats METHOD [options] [INPUT.csv]`, the statistics
 * module as a CSV filter, so analysts can reproduce any figure in a report
 * and tests can check the methods against published reference values. */
#ifndef SV_STATS_CLI_H
#define SV_STATS_CLI_H

/* argv[0] is "stats". Writes CSV to stdout and diagnostics to stderr.
 * Returns an sv_status: 0, SV_EXIT_USAGE, SV_EXIT_DATA or SV_EXIT_IO. */
int stats_cli_main(int argc, char **argv);

#endif
