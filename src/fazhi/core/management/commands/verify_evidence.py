from django.core.management.base import BaseCommand, CommandError

from fazhi.core import services
from fazhi.core.models import EvidenceFile


class Command(BaseCommand):
    help = ("逐一重新计算佐证材料的 SHA-256，标记内容不符或缺失的文件；"
            "有任何异常即以退出码 1 结束，便于每日定时运行时报警")

    def handle(self, *args, **options):
        checked = bad = 0
        for evidence in EvidenceFile.all_objects.iterator(chunk_size=500):
            checked += 1
            status = services.evidence_verify(evidence=evidence)
            if status != "ok":
                bad += 1
                self.stdout.write(f"{evidence.pk}\t{status}\t{evidence.title}")
        self.stdout.write(f"校验完成：{checked} 份，异常 {bad} 份")
        if bad:
            raise CommandError(f"{bad} 份佐证材料内容与哈希不符或文件缺失，请核查", returncode=1)
