#pragma once
// Screenshotter: for docs/screenshots. Connects, then shows each page in turn, waits until its
// requests have settled, selects a row where a page has details to show, and saves
// console-<page>.png from QWidget::grab(). Emits finished() with the number of files written.
#include <QDir>
#include <QObject>
#include <functional>

namespace gw::console {

class ApiClient;
class MainWindow;

class Screenshotter : public QObject
{
    Q_OBJECT
public:
    Screenshotter(MainWindow *window, ApiClient *api, const QDir &dir, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(int written, const QString &error);

private:
    void shoot(int page);
    void whenSettled(std::function<void()> next, int waitedMs = 0);
    void prepare(int page);

    MainWindow *m_window;
    ApiClient *m_api;
    QDir m_dir;
    int m_written = 0;
    int m_quietMs = 0;
};

} // namespace gw::console
