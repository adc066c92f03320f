"""``owabilint serve``: a local review page for people who write drafts in a browser or in Word.

:mod:`owabilint.serve.app` is the ASGI application (the page and its small JSON API),
:mod:`owabilint.serve.guard` its protections (Host and Origin checks, CSP, size limit),
:mod:`owabilint.serve.linting` the bridge to the engine, :mod:`owabilint.serve.command`
the command-line entry.
"""
