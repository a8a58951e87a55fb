def available() -> list[str]:
    return ["extractive"]
