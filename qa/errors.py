class BackendError(RuntimeError):
    pass
