#include "import/inspector.h"

#include <QObject>

namespace sl {

FilePreview previewFile(const QString &filePath, std::int64_t maxRows, const QString &profile)
{
    FilePreview preview;
    CsvReader reader(filePath);
    CsvRecord record;
    const auto readerError = [&] {
        const CsvError &error = *reader.error();
        preview.error = error.line > 0 ? QObject::tr("line %1: %2").arg(error.line).arg(error.message)
                                       : error.message;
    };
    if (!reader.open()) {
        readerError();
        return preview;
    }
    preview.format = reader.format();
    if (!reader.next(record)) {
        if (reader.error())
            readerError();
        else
            preview.error = QObject::tr("the file is empty: expected a header line");
        return preview;
    }
    for (std::string_view field : record.fields)
        preview.header.append(QString::fromUtf8(field.data(), qsizetype(field.size())));

    const ProfileDetection detection = detectTicketProfile(preview.header, profile);
    preview.match = detection.match;
    preview.closest = detection.closest;
    preview.profileMessage = detection.message;

    while ((maxRows < 0 || std::int64_t(preview.rows.size()) < maxRows) && reader.next(record)) {
        QStringList row;
        row.reserve(qsizetype(record.fields.size()));
        for (std::string_view field : record.fields)
            row.append(QString::fromUtf8(field.data(), qsizetype(field.size())));
        preview.rows.push_back(std::move(row));
    }
    if (reader.error()) {
        readerError();
        return preview;
    }
    preview.ok = true;
    return preview;
}

} // namespace sl
