"""Video lectures: their configuration and their repository."""

from src.lectures.config import LectureConfig
from src.lectures.repository import Lecture, LectureRepository

__all__ = ["Lecture", "LectureConfig", "LectureRepository"]
