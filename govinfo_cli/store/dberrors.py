"""What a database driver's error means, in Chinese, with the driver's own text after it.

A message shows ``含义（驱动原文）``: the meaning is read from the error's fields, never from
its English text: SQLite's ``sqlite_errorname`` (Python 3.11's sqlite3), PostgreSQL's
``sqlstate`` (psycopg), else the SQLAlchemy exception class. Imports nothing: SQLAlchemy's
exception classes are looked up only when SQLAlchemy is already loaded.
"""

from __future__ import annotations

import sys
from typing import Any

# SQLite result codes (a code and its extended codes: SQLITE_IOERR, SQLITE_IOERR_WRITE …).
SQLITE: dict[str, str] = {
    "SQLITE_READONLY": "数据库只读（文件或目录没有写入权限、只读连接，或在只读的文件系统上）",
    "SQLITE_FULL": "磁盘已满",
    "SQLITE_IOERR": "磁盘读写错误",
    "SQLITE_CANTOPEN": "无法打开数据库文件（目录不存在或没有权限）",
    "SQLITE_BUSY": "数据库正被其他程序占用，等待超时",
    "SQLITE_LOCKED": "数据库被锁定",
    "SQLITE_CORRUPT": "数据库文件已损坏",
    "SQLITE_NOTADB": "不是数据库文件",
    "SQLITE_PERM": "没有权限",
    "SQLITE_AUTH": "没有权限",
    "SQLITE_CONSTRAINT": "违反数据约束",
    "SQLITE_TOOBIG": "数据过大",
    "SQLITE_NOMEM": "内存不足",
    "SQLITE_ERROR": "数据库语句或结构有误",
}

# PostgreSQL SQLSTATE codes: the exact code first, then its class (the first two characters).
POSTGRES: dict[str, str] = {
    "25006": "数据库只读（只读连接或只读副本）",
    "42501": "没有权限（数据库角色缺少所需权限）",
    "42P01": "数据库缺少数据表（可运行 govinfo db upgrade）",
    "53100": "数据库服务器磁盘已满",
    "40001": "与其他人同时写入冲突，请重试",
    "40P01": "与其他人同时写入冲突（死锁），请重试",
    "57014": "语句执行超时或被取消",
    "08": "无法连接数据库服务器",
    "28": "数据库拒绝登录（用户名、密码或认证方式不对）",
    "3D": "数据库不存在",
    "3F": "数据库模式不存在",
    "23": "违反数据约束",
    "22": "数据不合数据库要求",
    "42": "数据库语句或结构有误",
    "53": "数据库服务器资源不足",
    "57": "数据库服务器正在关闭或已断开连接",
    "58": "数据库服务器系统错误",
}

# SQLAlchemy's DBAPI error classes (PEP 249), when the driver says no more.
CLASSES: tuple[tuple[str, str], ...] = (
    ("IntegrityError", "违反数据约束"),
    ("OperationalError", "数据库操作失败（连接、磁盘、锁或权限）"),
    ("ProgrammingError", "数据库语句或结构有误"),
    ("DataError", "数据不合数据库要求"),
    ("NotSupportedError", "数据库不支持此操作"),
    ("InterfaceError", "数据库驱动接口错误"),
    ("InternalError", "数据库内部错误"),
)


def _driver(exc: BaseException) -> Any:
    return getattr(exc, "orig", None) or exc


def meaning(exc: BaseException) -> str:
    """The Chinese meaning of a database error (a SQLAlchemy error or the driver's own)."""
    orig = _driver(exc)
    name = getattr(orig, "sqlite_errorname", None)
    if isinstance(name, str):
        for code, text in SQLITE.items():
            if name == code or name.startswith(code + "_"):
                return text
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(state, str) and state:
        found = POSTGRES.get(state) or POSTGRES.get(state[:2])
        if found:
            return found
    sa_exc = sys.modules.get("sqlalchemy.exc")
    for cls_name, said in CLASSES:
        cls = getattr(sa_exc, cls_name, None) if sa_exc is not None else None
        if cls is not None and isinstance(exc, cls):
            return said
    return "数据库报错"


def driver_text(exc: BaseException) -> str:
    """The driver's own message, its first line."""
    lines = str(_driver(exc)).strip().splitlines()
    return lines[0] if lines else type(_driver(exc)).__name__


def explain(exc: BaseException) -> str:
    """``含义（驱动原文）``."""
    return f"{meaning(exc)}（{driver_text(exc)}）"


def is_database_error(exc: BaseException) -> bool:
    """A SQLAlchemy error (SQLAlchemy is loaded whenever one can have been raised)."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    return sa_exc is not None and isinstance(exc, sa_exc.SQLAlchemyError)
