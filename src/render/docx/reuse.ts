/**
 * Reusing `docx` components across renders.
 *
 * The library spends much of a render building components and turning them
 * into XML objects (`prepForXml`): for every run, paragraph and cell it makes
 * property objects and attribute maps anew, about 25 µs for a table row.
 * Much of a report is the same in every report — the styles, the page-number
 * footers, the table labels, cells holding 0 — so each such component is
 * built once per process and keeps the XML object it prepared the first time.
 *
 * That is safe for components whose XML depends on their options alone: no
 * relationships, images, numbering, bookmarks or fields that the library
 * numbers per document. The library writes the prepared objects without
 * changing them (a table row with `keepNext`, say, makes new objects rather
 * than changing its cells'), so one object can stand in many places and many
 * documents.
 */
import {
  Paragraph,
  TableCell,
  TableRow,
  XmlComponent,
  elementOf,
  type BaseXmlComponent,
  type IContext,
  type IXmlableObject,
} from 'docx';

/**
 * A component whose XML is prepared once: the wrapped component's XML object
 * the first time, the same object on every later use.
 */
export class PreparedOnce extends XmlComponent {
  private xml: IXmlableObject | undefined;

  constructor(private readonly component: BaseXmlComponent) {
    super(elementOf(component) ?? '');
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    return (this.xml ??= this.component.prepForXml(context));
  }
}

/**
 * A paragraph whose XML is prepared once (see above): for paragraphs of plain
 * text, which have no per-document parts. Still a `Paragraph`, so it goes
 * where the library takes paragraphs only, such as footers.
 */
export class ReusedParagraph extends Paragraph {
  private xml: IXmlableObject | undefined;

  override prepForXml(context: IContext): IXmlableObject | undefined {
    return (this.xml ??= super.prepForXml(context));
  }
}

/**
 * A table cell of text prepared once. The table never changes a cell that has
 * its own width (and ours all have), so one instance can stand in any number
 * of tables.
 */
export class ReusedTableCell extends TableCell {
  private xml: IXmlableObject | undefined;

  override prepForXml(context: IContext): IXmlableObject | undefined {
    return (this.xml ??= super.prepForXml(context));
  }
}

/** A row of reused cells, itself prepared once. */
export class ReusedTableRow extends TableRow {
  private xml: IXmlableObject | undefined;

  override prepForXml(context: IContext): IXmlableObject | undefined {
    return (this.xml ??= super.prepForXml(context));
  }
}

/**
 * A map that keeps at most `capacity` entries, dropping the least recently
 * used first, so that a process rendering thousands of reports holds a
 * bounded number of reused components while the ones every report uses stay.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The value stored under `key`, made with `make` (and stored) when there is none. */
  get(key: K, make: () => V): V {
    const found = this.entries.get(key);
    if (found !== undefined) {
      // A Map iterates in insertion order: moving the entry to the end keeps the oldest-used first.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const value = make();
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
    return value;
  }
}
