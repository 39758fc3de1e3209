"""Stop taking in an oversize upload while it arrives, rather than after it has been stored.

UploadLimitHandler comes first in FILE_UPLOAD_HANDLERS. A body within FAZHI_UPLOAD_MAX_BYTES (and
FAZHI_UPLOAD_MAX_REQUEST_BYTES) cannot be oversize and passes untouched. A larger one is parsed here, with
the same handlers, so that:
- a request whose Content-Length passes FAZHI_UPLOAD_MAX_REQUEST_BYTES takes in none of its files;
- a file is stopped at the first chunk past FAZHI_UPLOAD_MAX_BYTES.
Either way the rest of the body is not read (StopUpload with connection_reset: the WSGI server drains or
drops it), what the other handlers had stored of the file is closed and deleted, and the file is put back
as a RefusedUpload so that the form shows the reason beside its field instead of a blank one.
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http.multipartparser import MultiPartParser
from django.template.defaultfilters import filesizeformat


class RefusedUpload(UploadedFile):
    """Stands in for a file the server stopped taking in; holds nothing, and says why."""

    def __init__(self, name: str, received: int, reason: str):
        super().__init__(io.BytesIO(), name=name, content_type="application/octet-stream", size=received)
        self.reason = reason


class UploadLimitHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.watching = False
        self.request_size = 0
        self.received = 0
        self.refused: list[tuple[str, RefusedUpload]] = []

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        limits = settings.FAZHI_UPLOAD_MAX_BYTES, settings.FAZHI_UPLOAD_MAX_REQUEST_BYTES
        if self.watching or content_length <= min(limits):
            return None  # within both limits whatever it holds: nothing to watch
        self.watching, self.request_size = True, content_length
        post, files = MultiPartParser(META, input_data, self.request.upload_handlers, encoding).parse()
        for field_name, stand_in in self.refused:
            files.appendlist(field_name, stand_in)
        return post, files

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        if not self.watching:
            return raw_data
        self.received = start + len(raw_data)
        total_limit, file_limit = settings.FAZHI_UPLOAD_MAX_REQUEST_BYTES, settings.FAZHI_UPLOAD_MAX_BYTES
        if self.request_size > total_limit:
            reason = (f"本次提交的内容共 {filesizeformat(self.request_size)}，超过单次提交上限 "
                      f"{filesizeformat(total_limit)}，系统未予接收。请分次上传。")
        elif self.received > file_limit:
            reason = f"文件大小超过上限 {filesizeformat(file_limit)}，系统已停止接收。请压缩或拆分后重新上传。"
        else:
            return raw_data
        self.refused.append((self.field_name, RefusedUpload(self.file_name, self.received, reason)))
        raise StopUpload(connection_reset=True)

    def file_complete(self, file_size):
        return None  # the file itself is kept by the handlers after this one
