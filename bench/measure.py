#!/usr/bin/env python3
"""Fallback for `/usr/bin/time -v` when GNU time is not installed.

    python3 bench/measure.py -o LOG -- COMMAND [ARGS...]

Runs COMMAND (stdin, stdout and stderr are passed through), then writes to LOG the lines that
bench/compare.sh reads from GNU time's -v report, in the same wording:

    User time (seconds): 1.10
    System time (seconds): 0.05
    Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23
    Maximum resident set size (kbytes): 12345
    Exit status: 0

plus "Wall seconds: 1.234567" with full precision. Wall time is time.perf_counter() around the
child; peak memory is ru_maxrss of RUSAGE_CHILDREN (the largest process in the waited-for
tree, in KiB on Linux), CPU time its ru_utime and ru_stime. Exits with the command's status (128 + N if it died from signal N).
"""

import resource
import subprocess
import sys
import time


def main():
    args = sys.argv[1:]
    if len(args) < 4 or args[0] != "-o" or args[2] != "--":
        sys.exit("usage: measure.py -o LOG -- COMMAND [ARGS...]")
    log, cmd = args[1], args[3:]
    t0 = time.perf_counter()
    try:
        rc = subprocess.call(cmd)
    except OSError as e:
        sys.exit(f"measure.py: cannot run {cmd[0]}: {e}")
    wall = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = usage.ru_maxrss
    status = rc if rc >= 0 else 128 - rc
    minutes, seconds = divmod(wall, 60)
    hours, minutes = divmod(int(minutes), 60)
    elapsed = f"{hours}:{minutes:02d}:{seconds:05.2f}" if hours else f"{minutes}:{seconds:05.2f}"
    with open(log, "w", encoding="utf-8") as f:
        f.write(f'\tCommand being timed: "{" ".join(cmd)}"\n')
        if rc < 0:
            f.write(f"\tCommand terminated by signal {-rc}\n")
        f.write(f"\tUser time (seconds): {usage.ru_utime:.2f}\n")
        f.write(f"\tSystem time (seconds): {usage.ru_stime:.2f}\n")
        f.write(f"\tElapsed (wall clock) time (h:mm:ss or m:ss): {elapsed}\n")
        f.write(f"\tMaximum resident set size (kbytes): {peak_kb}\n")
        f.write(f"\tExit status: {status}\n")
        f.write(f"\tWall seconds: {wall:.6f}\n")
    sys.exit(status)


if __name__ == "__main__":
    main()
