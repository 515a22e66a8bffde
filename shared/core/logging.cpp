#include "core/logging.h"

Q_LOGGING_CATEGORY(lcConfig, "gw.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "gw.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcQueue, "gw.queue", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttp, "gw.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWorker, "gw.worker", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWebhook, "gw.webhook", QtInfoMsg)
