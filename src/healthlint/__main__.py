from healthlint.cli import run

run()
