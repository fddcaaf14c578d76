"""Small hand-made benchmark outputs for the tests."""
import contextlib
import csv
import io
import json
from pathlib import Path

RESULTS_COLUMNS = ["trial", "eta", "lambda", "status", "train_acc", "val_acc", "test_acc", "seconds", "host", "rung"]


def write_csv(path, rows, columns=None):
    """Writes dict rows to a CSV file with a header (columns: the first row's keys unless given)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = columns or list(rows[0])
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return path


def write_json(path, value):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value))
    return path


def provenance(job_seconds=50.0, spark_seconds=5.0, pixels=92_160_000, decodes=None, decoded=None,
               split="default", precision="float"):
    """A provenance.json with the fields the analyses read."""
    prov = {"timing": {"job_seconds": job_seconds, "spark_seconds": spark_seconds},
            "broadcast": {"bytes": pixels + 55_391, "bytes_per_pixel": (pixels + 55_391) / pixels,
                          "compressed_bytes_per_pixel": 0.975396484375, "codec": "LZ4CompressionCodec",
                          "pixels": pixels},
            "data": {"split": split}, "conf": {"precision": precision},
            "blas_driver": "JNIBLAS (native libopenblas.so.0)"}
    if decodes is not None:
        prov["decodes_per_executor_jvm"] = decodes
    if decoded is not None:
        prov["decoded_bytes_per_executor_jvm"] = decoded
    return prov


def capture(fn, *args, **kwargs):
    """(return value, stdout text) of fn(*args, **kwargs)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        value = fn(*args, **kwargs)
    return value, out.getvalue()
