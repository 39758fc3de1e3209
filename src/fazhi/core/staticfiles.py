"""The storage of the vendored stylesheets and scripts once collected."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed names with gzip copies, as whitenoise's, but a page still renders before the first collectstatic
    (a management command run on a fresh data directory): a file not in the manifest keeps its plain name,
    which whitenoise serves from the package."""

    manifest_strict = False
