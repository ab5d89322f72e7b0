#pragma once
// The program's own translations, built into the core library. English is a translation too:
// it holds the singular and plural forms of every "%n" message ("1 request", "2 requests").

class QCoreApplication;

namespace hubgate {

// Installs the translation for the user's languages, falling back to English. Returns false when
// none could be loaded (the source texts are then shown as written).
bool installTranslations(QCoreApplication &app);

} // namespace hubgate
