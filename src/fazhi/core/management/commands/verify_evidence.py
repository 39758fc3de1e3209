from django.core.management.base import BaseCommand

from fazhi.core import services
from fazhi.core.models import EvidenceFile


class Command(BaseCommand):
    help = "逐一重新计算佐证材料的 SHA-256，标记内容不符或缺失的文件（可每日定时运行）"

    def handle(self, *args, **options):
        bad = 0
        for evidence in EvidenceFile.all_objects.iterator(chunk_size=500):
            status = services.evidence_verify(evidence=evidence)
            if status != "ok":
                bad += 1
                self.stdout.write(f"{evidence.pk}\t{status}\t{evidence.title}")
        self.stdout.write(f"校验完成：{EvidenceFile.all_objects.count()} 份，异常 {bad} 份")
