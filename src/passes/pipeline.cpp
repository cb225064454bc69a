// The order of the passes is part of the contract; each line says why a pass comes where it does.
#include "passes/passes.hpp"

namespace sqlite2pg::passes {

namespace {
const Pass* const kOrder[] = {
    // Statements: internals first so that no other pass sees sqlite_sequence or PRAGMA.
    &kDropSqliteInternals,
    // virtual-tables consumes shadow tables' CREATE TABLE before record-schema would file them, and checks an
    // R*Tree's decoded rows before its types are chosen.
    &kVirtualTables,
    // record-schema files tables and deferred objects; the next two read the table it just filed.
    &kRecordSchema,
    &kNameTables,
    &kRowidAliases,
    // Rows end: types are chosen from the data, then the table definition is built with them.
    &kChooseColumnTypes,
    &kDefineTables,
    // Finish: keys before indexes and foreign keys, which check the names and keys they create; views
    // after every table and index name is claimed.
    &kKeys,
    &kIndexes,
    // After the user's indexes have claimed their names.
    &kVirtualTableObjects,
    &kForeignKeys,
    &kCheckConstraints,
    &kViews,
    &kTriggers,
};
}  // namespace

std::span<const Pass* const> ordered_passes() { return kOrder; }

}  // namespace sqlite2pg::passes
