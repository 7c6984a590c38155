"""Imported once by the process pool's forkserver, so each worker is forked with the heavy libraries loaded.

Only imports (and matplotlib's backend choice) happen here: no threads, no fonts scanned, nothing a fork
could duplicate badly.
"""

from reportgen.build import tasks

tasks.warm_up()
