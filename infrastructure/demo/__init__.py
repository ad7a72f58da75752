"""Demo years generated through the application's commands (issue 3 point 8)."""

from infrastructure.demo.generator import SIZES, GenerationReport, generate_year
from infrastructure.demo.sizes import DemoSize

__all__ = ["SIZES", "DemoSize", "GenerationReport", "generate_year"]
