"""The data model: work ids, eIds, the XML document wrapper and schema validation."""
