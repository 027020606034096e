-: store/store.h core/error.h core/model.h
core/error.h:
core/model.h:
