#include "es/codec.h"

namespace es::detail {

namespace {
QString fromView(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}
} // namespace

void throwTypeMismatch(const char *expected, const json::Node &node)
{
    QString found = QString::fromLatin1(node.typeName());
    if (node.isString())
        found += QStringLiteral(" '%1'").arg(node.toQString().left(60));
    else if (node.isNumber())
        found += QStringLiteral(" %1").arg(fromView(node.numberText()));
    throw TranscodingError(QStringLiteral("expected %1, found %2").arg(QLatin1String(expected), found));
}

void throwCustomTypeMismatch(std::string_view expected, const json::Node &node)
{
    if (node.isObject()) {
        const json::Node type = node.find("_type_");
        if (type.isString())
            throw TranscodingError(QStringLiteral("unexpected _type_ '%1' (expected '%2')")
                                       .arg(fromView(type.stringView()), fromView(expected)));
    }
    throw TranscodingError(QStringLiteral("expected {\"_type_\": \"%1\", \"_data_\": …}, found %2")
                               .arg(fromView(expected), QLatin1String(node.typeName())));
}

json::Node customData(const json::Node &node, std::string_view expectedName)
{
    if (node.isObject() && node.size() == 2) {
        const json::Node type = node.find("_type_");
        const json::Node data = node.find("_data_");
        if (type.isString() && data.isValid() && type.stringView() == expectedName)
            return data;
    }
    throwCustomTypeMismatch(expectedName, node);
}

void beginCustom(json::Writer &w, std::string_view name)
{
    w.beginObject();
    w.key("_type_");
    w.string(name);
    w.key("_data_");
}

} // namespace es::detail
